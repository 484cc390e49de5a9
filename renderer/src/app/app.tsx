// The window: header (search, diagnostics, preferences, shortcuts), the list
// (with the selected row's details beside it in wide windows) or a view, the
// status line, and the sheets. State comes from the app through the bridge;
// what the user asks for goes through the window's actions (window-actions.ts).
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { EXPORT_TARGET_LABELS, type SsoTrayApi } from '../../../app/shared/api';
import { DetailsPane } from '../components/details-pane';
import { EmptyState } from '../components/empty-state';
import { ExportPanel } from '../components/export-panel';
import { Icon } from '../components/icons';
import { SearchBox } from '../components/search-box';
import { ShortcutsDialog } from '../components/shortcuts-dialog';
import { StatusBar } from '../components/status-bar';
import { useBridgeResult } from '../hooks/use-bridge-result';
import { useMediaQuery } from '../hooks/use-media-query';
import { useRoute } from '../hooks/use-route';
import { useSessionOrder } from '../hooks/use-session-order';
import { useSettings } from '../hooks/use-settings';
import { useSnapshot } from '../hooks/use-snapshot';
import { useStatusMessage } from '../hooks/use-status-message';
import { attentionCounts, buildRows, buildSearchIndex } from '../list/rows';
import { activeIndexOf, SessionList, type SessionListHandle } from '../list/session-list';
import { markFilterStart, measureFilter, measureFirstRender } from '../perf-marks';
import { STATE_COUNT_WORD, type AttentionState } from '../session-words';
import { diagnosisKey, findingCounts, worstSeverity } from '../views/diagnosis';
import { DiagnosticsView } from '../views/diagnostics-view';
import { DiscoveryView } from '../views/discovery-view';
import { PreferencesView } from '../views/preferences-view';
import { ActionsContext } from './actions-context';
import { globalKeyIntent } from './global-keys';
import { createWindowActions } from './window-actions';

const EMPTY_SET: ReadonlySet<string> = new Set();
const NO_NAMES: ReadonlyMap<string, string> = new Map();
/** From this width the list and the selected row's details sit side by side. */
export const WIDE_QUERY = '(min-width: 900px)';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function App({ api }: { api: SsoTrayApi }) {
  const snapshotState = useSnapshot(api);
  const settings = useSettings(api);
  const [route, navigate] = useRoute();
  const status = useStatusMessage();
  const wide = useMediaQuery(WIDE_QUERY);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<AttentionState | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [accountNames, setAccountNames] = useState<ReadonlyMap<string, string>>(NO_NAMES);
  const [exportFor, setExportFor] = useState<string | null>(null);
  const [shortcuts, setShortcuts] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [orderEpoch, setOrderEpoch] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<SessionListHandle>(null);

  const snapshot = snapshotState.kind === 'ready' ? snapshotState.snapshot : null;
  const { favourites, defaultShell, defaultExportMode, mutedSessions } = settings.settings;

  // The doctor for everything, asked again when what it reads changes: the
  // header badge and the Diagnostics view show this one report.
  const overall = useBridgeResult(diagnosisKey(snapshot), () => api.diagnose());
  const findings = overall.result?.ok ? overall.result.value.findings : [];
  const problemCount = findingCounts(findings).problems;
  const badgeSeverity = worstSeverity(findings.filter((f) => f.severity !== 'info'));

  // Made again with each snapshot and settings, which every row re-renders for anyway.
  const { report } = status;
  const updateSettings = settings.update;
  const currentSettings = settings.settings;
  const actions = useMemo(
    () =>
      createWindowActions({
        api,
        report,
        snapshot: () => snapshot,
        settings: () => currentSettings,
        updateSettings,
        navigate,
        openExport: setExportFor,
        toggleCollapsed: (session) =>
          setCollapsed((old) => {
            const next = new Set(old);
            if (!next.delete(session)) next.add(session);
            return next;
          }),
      }),
    [api, report, updateSettings, navigate, snapshot, currentSettings],
  );

  // Account names come from discovery, session by session: keep every one learnt.
  const learnAccountNames = useCallback(
    (names: ReadonlyMap<string, string>) =>
      setAccountNames((known) => new Map([...known, ...names])),
    [],
  );

  const ranks = useSessionOrder(snapshot?.sessions ?? null, orderEpoch);
  const index = useMemo(
    () => (snapshot ? buildSearchIndex(snapshot, accountNames) : null),
    [snapshot, accountNames],
  );
  const rows = useMemo(
    () => (index ? buildRows(index, { query, favourites, collapsed, filter, ranks }) : []),
    [index, query, favourites, collapsed, filter, ranks],
  );
  const counts = useMemo(() => attentionCounts(snapshot?.sessions ?? []), [snapshot]);

  // A filter whose sessions are all fixed has nothing left to show: drop it.
  if (filter !== null && snapshot && !counts.some((c) => c.state === filter)) setFilter(null);

  const reorder = () => setOrderEpoch((n) => n + 1);
  const onQuery = (next: string) => {
    markFilterStart();
    setQuery(next);
    reorder();
  };
  const onFilter = (next: AttentionState | null) => {
    setFilter(next);
    reorder();
  };

  useEffect(() => {
    // Shown again (the tray icon clicked): problems first again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') setOrderEpoch((n) => n + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  useLayoutEffect(() => {
    measureFilter();
  }, [query]);

  const listShown = route.view === 'list' && snapshot !== null;
  useLayoutEffect(() => {
    if (listShown) measureFirstRender();
  }, [listShown]);

  const focusSearch = () => {
    search.current?.focus();
    search.current?.select();
  };
  const back = () => {
    navigate({ view: 'list' });
    focusSearch();
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const intent = globalKeyIntent({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      typing: isTyping(event.target),
      dialogOpen: exportFor !== null || shortcuts,
      onList: route.view === 'list',
    });
    if (intent === null || event.defaultPrevented) return;
    event.preventDefault();
    if (intent === 'focus-search') {
      if (route.view !== 'list') navigate({ view: 'list' });
      focusSearch();
    } else if (intent === 'shortcuts') setShortcuts(true);
    else back();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const copyDescription = `${EXPORT_TARGET_LABELS[defaultShell]}, ${defaultExportMode}`;
  const selected = rows[activeIndexOf(rows, activeKey)] ?? null;

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
    body = (
      <DiagnosticsView
        api={api}
        profile={route.profile}
        snapshot={snapshot}
        overall={overall}
        onBack={back}
      />
    );
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
        <p>
          {filter
            ? `No ${STATE_COUNT_WORD[filter]} session${query ? ` matches “${query}”` : ''}.`
            : `No profile matches “${query}”.`}
        </p>
        <button
          type="button"
          className="button"
          onClick={() => {
            onQuery('');
            onFilter(null);
          }}
        >
          {filter ? 'Show all' : 'Clear search'}
        </button>
      </div>
    );
  } else {
    body = (
      <div className="panes">
        <div className="list-pane">
          <SessionList
            ref={list}
            rows={rows}
            copyDescription={copyDescription}
            resetKey={`${query}\n${filter ?? ''}`}
            mutedSessions={mutedSessions}
            activeKey={activeKey}
            onActiveKey={setActiveKey}
            onLeave={focusSearch}
          />
        </div>
        {wide ? (
          <DetailsPane
            row={selected}
            copyDescription={copyDescription}
            profileCount={(name) => index?.profilesBySession.get(name)?.length ?? 0}
          />
        ) : null}
      </div>
    );
  }

  const exportProfile = exportFor ? snapshot?.profiles.find((p) => p.name === exportFor) : null;
  const exportSession = exportProfile?.session
    ? (snapshot?.sessions.find((s) => s.name === exportProfile.session) ?? null)
    : null;

  return (
    <ActionsContext value={actions}>
      <div className={`app${wide ? ' wide' : ''}`}>
        <header className="app-header">
          <h1 className="visually-hidden">SSO Tray</h1>
          <SearchBox
            ref={search}
            query={query}
            onQuery={onQuery}
            onLeave={() => list.current?.focusList()}
          />
          <button
            type="button"
            className={`icon-button header-button${route.view === 'diagnostics' ? ' current' : ''}`}
            aria-label={
              problemCount > 0
                ? `Diagnostics, ${problemCount} ${problemCount === 1 ? 'problem' : 'problems'}`
                : 'Diagnostics'
            }
            title="Diagnostics"
            onClick={() => navigate({ view: 'diagnostics', profile: null })}
          >
            <Icon name="stethoscope" />
            <span
              className={`badge badge-${badgeSeverity ?? 'none'}${problemCount > 0 ? '' : ' hidden'}`}
              aria-hidden="true"
              data-testid="problem-badge"
            >
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
          <button
            type="button"
            className="icon-button header-button"
            aria-label="Keyboard shortcuts"
            aria-keyshortcuts="?"
            title="Keyboard shortcuts (?)"
            onClick={() => setShortcuts(true)}
          >
            <Icon name="keyboard" />
          </button>
        </header>
        <main className="app-main">{body}</main>
        <StatusBar
          message={status.message}
          onDismiss={status.dismiss}
          counts={route.view === 'list' ? counts : []}
          totals={
            snapshot && route.view === 'list'
              ? { sessions: snapshot.sessions.length, profiles: snapshot.profiles.length }
              : null
          }
          filter={filter}
          onFilter={onFilter}
        />
        {exportFor !== null ? (
          <ExportPanel
            api={api}
            profile={exportFor}
            session={exportSession}
            settings={settings}
            onClose={() => setExportFor(null)}
          />
        ) : null}
        {shortcuts ? <ShortcutsDialog onClose={() => setShortcuts(false)} /> : null}
      </div>
    </ActionsContext>
  );
}
