// The window: header (search, diagnostics, preferences), the current view, the
// export dialog and the status line. All state comes from the app through the
// bridge; this component turns user intent into bridge calls.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EXPORT_TARGET_LABELS, type ApiError, type SsoTrayApi } from '../../../app/shared/api';
import { EmptyState } from '../components/empty-state';
import { ExportPanel } from '../components/export-panel';
import { Icon } from '../components/icons';
import { SearchBox } from '../components/search-box';
import {
  ReporterContext,
  StatusBar,
  summarize,
  type Reporter,
  type StatusMessage,
} from '../components/status-bar';
import { useNow } from '../hooks/use-now';
import { useRoute } from '../hooks/use-route';
import { useSettings } from '../hooks/use-settings';
import { useSnapshot } from '../hooks/use-snapshot';
import { ListActionsContext, type ListActions } from '../list/list-actions';
import { buildRows, buildSearchIndex } from '../list/rows';
import { SessionList, type SessionListHandle } from '../list/session-list';
import { markFilterStart, measureFilter, measureFirstRender } from '../perf-marks';
import { DiagnosticsView } from '../views/diagnostics-view';
import { DiscoveryView } from '../views/discovery-view';
import { PreferencesView } from '../views/preferences-view';

const EMPTY_SET: ReadonlySet<string> = new Set();
const NO_NAMES: ReadonlyMap<string, string> = new Map();

export function App({ api }: { api: SsoTrayApi }) {
  const snapshotState = useSnapshot(api);
  const settings = useSettings(api);
  const [route, navigate] = useRoute();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [accountNames, setAccountNames] = useState<ReadonlyMap<string, string>>(NO_NAMES);
  // Account names come from discovery, session by session: keep every one learnt.
  const learnAccountNames = useCallback(
    (names: ReadonlyMap<string, string>) =>
      setAccountNames((known) => new Map([...known, ...names])),
    [],
  );
  const [exportFor, setExportFor] = useState<string | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const list = useRef<SessionListHandle>(null);

  const snapshot = snapshotState.kind === 'ready' ? snapshotState.snapshot : null;
  const { favourites, defaultShell, defaultExportMode } = settings.settings;
  const updateSettings = settings.update;
  const index = useMemo(
    () => (snapshot ? buildSearchIndex(snapshot, accountNames) : null),
    [snapshot, accountNames],
  );
  const rows = useMemo(
    () => (index ? buildRows(index, { query, favourites, collapsed }) : []),
    [index, query, favourites, collapsed],
  );

  const titleOf = useCallback(
    (name: string) => {
      const session = index?.sessionByName.get(name);
      return session ? session.label : name;
    },
    [index],
  );

  const { reporter, actions } = useMemo(() => {
    const reportError = (error: ApiError) => {
      const action = error.action;
      setMessage({
        tone: error.code === 'not-available' ? 'info' : 'error',
        text: error.message,
        ...(action?.kind === 'sign-in'
          ? {
              action: {
                label: `Sign in to ${titleOf(action.session)}`,
                run: () => void value.signIn(action.session),
              },
            }
          : {}),
      });
    };
    const reporter: Reporter = { report: setMessage, reportError };
    const value: ListActions = {
      async signIn(session) {
        setMessage({ tone: 'info', text: `Signing in to ${titleOf(session)}…` });
        const result = await api.signIn(session);
        if (result.ok) {
          setMessage({ tone: 'success', text: `Signed in to ${titleOf(session)}.` });
        } else if (result.error.code !== 'cancelled') reportError(result.error);
        else setMessage({ tone: 'info', text: `Sign-in to ${titleOf(session)} cancelled.` });
      },
      async cancelSignIn(session) {
        const result = await api.cancelSignIn(session);
        if (!result.ok) reportError(result.error);
      },
      async signOut(session) {
        const result = await api.signOut(session);
        if (result.ok) setMessage({ tone: 'success', text: `Signed out of ${titleOf(session)}.` });
        else reportError(result.error);
      },
      async reopenSignInPage(session) {
        const result = await api.reopenSignInPage(session);
        if (!result.ok) reportError(result.error);
      },
      async copyText(text, what) {
        const result = await api.copyText(text);
        if (result.ok) setMessage({ tone: 'success', text: `Copied ${what}.` });
        else reportError(result.error);
      },
      discover(session) {
        navigate({ view: 'discover', session });
      },
      toggleCollapsed(session) {
        setCollapsed((old) => {
          const next = new Set(old);
          if (!next.delete(session)) next.add(session);
          return next;
        });
      },
      async quickCopy(profile) {
        const result = await api.copyExport({
          profile,
          target: defaultShell,
          mode: defaultExportMode,
        });
        if (result.ok) {
          setMessage({
            tone: 'success',
            text: `Copied the ${defaultExportMode} export for ${profile} (${EXPORT_TARGET_LABELS[defaultShell]}).`,
          });
        } else reportError(result.error);
      },
      openExport(profile) {
        setExportFor(profile);
      },
      async openConsole(profile) {
        const result = await api.openConsole(profile);
        if (result.ok)
          setMessage({ tone: 'success', text: `Opened the AWS console for ${profile}.` });
        else reportError(result.error);
      },
      diagnose(profile) {
        navigate({ view: 'diagnostics', profile });
      },
      async toggleFavourite(profile) {
        const next = favourites.includes(profile)
          ? favourites.filter((n) => n !== profile)
          : [...favourites, profile];
        const result = await updateSettings({ favourites: next });
        if (!result.ok) reportError(result.error);
      },
    };
    return { reporter, actions: value };
  }, [api, navigate, titleOf, defaultShell, defaultExportMode, favourites, updateSettings]);

  const onQuery = (next: string) => {
    markFilterStart();
    setQuery(next);
  };

  useLayoutEffect(() => {
    measureFilter();
  }, [query]);

  const listShown = route.view === 'list' && snapshot !== null;
  useLayoutEffect(() => {
    if (listShown) measureFirstRender();
  }, [listShown]);

  const problemCount = snapshot?.problems.filter((p) => p.severity !== 'info').length ?? 0;
  const back = () => navigate({ view: 'list' });

  let body;
  if (snapshotState.kind === 'failed') {
    body = (
      <p className="notice" role="alert">
        {snapshotState.message}
      </p>
    );
  } else if (route.view === 'preferences') {
    body = <PreferencesView settings={settings} snapshot={snapshot} onBack={back} />;
  } else if (route.view === 'diagnostics') {
    body = <DiagnosticsView api={api} profile={route.profile} snapshot={snapshot} onBack={back} />;
  } else if (route.view === 'discover') {
    body = (
      <DiscoveryView
        api={api}
        session={route.session}
        snapshot={snapshot}
        onBack={back}
        onAccountNames={learnAccountNames}
      />
    );
  } else if (snapshot === null) {
    body = <p className="hint loading">Loading sessions…</p>;
  } else if (snapshot.sessions.length === 0 && snapshot.profiles.length === 0) {
    body = <EmptyState configFile={snapshot.configFile} />;
  } else if (rows.length === 0) {
    body = (
      <div className="no-match">
        <p>No profile matches “{query}”.</p>
        <button type="button" className="button" onClick={() => onQuery('')}>
          Clear search
        </button>
      </div>
    );
  } else {
    body = (
      <SessionList
        ref={list}
        rows={rows}
        now={now}
        resetKey={query}
        copyDescription={`${EXPORT_TARGET_LABELS[defaultShell]}, ${defaultExportMode}`}
      />
    );
  }

  return (
    <ReporterContext value={reporter}>
      <ListActionsContext value={actions}>
        <div className="app">
          <header className="app-header">
            <SearchBox
              query={query}
              onQuery={onQuery}
              onLeave={() => list.current?.focusFirstRow()}
            />
            <button
              type="button"
              className={`icon-button header-button${route.view === 'diagnostics' ? ' current' : ''}`}
              aria-label={
                problemCount > 0 ? `Diagnostics, ${problemCount} problems` : 'Diagnostics'
              }
              title="Diagnostics"
              onClick={() => navigate({ view: 'diagnostics', profile: null })}
            >
              <Icon name="stethoscope" />
              <span className={`badge${problemCount > 0 ? '' : ' hidden'}`} aria-hidden="true">
                {problemCount}
              </span>
            </button>
            <button
              type="button"
              className={`icon-button header-button${route.view === 'preferences' ? ' current' : ''}`}
              aria-label="Preferences"
              title="Preferences"
              onClick={() => navigate({ view: 'preferences' })}
            >
              <Icon name="gear" />
            </button>
          </header>
          <main className="app-main">{body}</main>
          <StatusBar message={message} idle={summarize(snapshot)} />
          {exportFor !== null ? (
            <ExportPanel
              api={api}
              profile={exportFor}
              settings={settings}
              onClose={() => setExportFor(null)}
            />
          ) : null}
        </div>
      </ListActionsContext>
    </ReporterContext>
  );
}
