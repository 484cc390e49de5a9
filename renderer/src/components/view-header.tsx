// The header of a secondary view: back to the list, the title, optional actions.
import type { ReactNode } from 'react';
import { IconButton } from './icon-button';

export function ViewHeader(props: {
  readonly titleId: string;
  readonly title: ReactNode;
  readonly onBack: () => void;
  readonly children?: ReactNode;
}) {
  return (
    <div className="view-header">
      <IconButton icon="back" label="Back to the list" onClick={props.onBack} />
      <h2 id={props.titleId}>{props.title}</h2>
      {props.children}
    </div>
  );
}
