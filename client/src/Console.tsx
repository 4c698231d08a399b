// The signed-in console: the live feed is open while it is mounted; the scene appears once the site is known.
import { useEffect, useState } from 'react';
import { connectConsole } from './net/console-socket';
import { keepSessionAliveWhileUsed } from './net/session-keepalive';
import { useAuthStore } from './store/auth';
import { useSiteStore } from './store/site';
import { startClock } from './store/clock';
import { KpiPanel } from './overlays/KpiPanel';
import { WallAlerts } from './overlays/WallAlerts';
import { WallClearanceStrip } from './overlays/WallClearanceStrip';
import { SidePanel } from './panels/SidePanel';
import { PortScene } from './scene/PortScene';
import { AdminPanel } from './panels/AdminPanel';
import { StatusLegend } from './panels/StatusLegend';
import { TopBar } from './panels/TopBar';
import { useT } from './i18n/use-language';
import type { Layout } from './url-options';

export function Console({ mode }: { mode: Layout }) {
  const layout = useSiteStore((s) => s.layout);
  const kiosk = useAuthStore((s) => s.kiosk);
  const t = useT();
  const [adminOpen, setAdminOpen] = useState(false);
  useEffect(() => connectConsole(), []);
  useEffect(() => (kiosk ? undefined : keepSessionAliveWhileUsed()), [kiosk]);
  useEffect(() => startClock(), []);
  return (
    <div className={`console console--${mode}`}>
      <TopBar mode={mode} onAdmin={() => setAdminOpen((open) => !open)} />
      <div className="console__main">
        {layout ? <PortScene layout={layout} mode={mode} /> : <div className="scene scene--waiting">{t('topbar.waitingForSite')}</div>}
        <StatusLegend />
        {mode === 'wall' ? (
          <>
            <KpiPanel />
            <WallClearanceStrip />
            <WallAlerts />
          </>
        ) : (
          <SidePanel />
        )}
        {adminOpen && mode === 'laptop' && <AdminPanel onClose={() => setAdminOpen(false)} />}
      </div>
    </div>
  );
}
