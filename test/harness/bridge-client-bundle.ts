// The web bridge's browser side, bundled once per process the way the build
// bundles it (scripts/web-bridge-bundle.mjs).
// @ts-expect-error: a plain ESM build script without type declarations.
import { bundleWebBridge } from '../../scripts/web-bridge-bundle.mjs';

let bridgeScript: Promise<string> | null = null;

export function bridgeClientScript(): Promise<string> {
  bridgeScript ??= (bundleWebBridge as () => Promise<string>)();
  return bridgeScript;
}
