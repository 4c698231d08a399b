// The signed-in console: the live feed is open while it is mounted; the scene appears once the site is known.
import { useEffect } from 'react';
import { connectConsole } from './net/console-socket';
import { useSiteStore } from './store/site';
import { startClock } from './store/clock';
import { KpiPanel } from './overlays/KpiPanel';
import { PortScene } from './scene/PortScene';
import { StatusLegend } from './panels/StatusLegend';
import { TopBar } from './panels/TopBar';
import { useT } from './i18n/use-language';
import type { Layout } from './url-options';

export function Console({ token, mode }: { token: string; mode: Layout }) {
  const layout = useSiteStore((s) => s.layout);
  const t = useT();
  useEffect(() => connectConsole(token), [token]);
  useEffect(() => startClock(), []);
  return (
    <div className={`console console--${mode}`}>
      <TopBar mode={mode} />
      <div className="console__main">
        {layout ? <PortScene layout={layout} mode={mode} /> : <div className="scene scene--waiting">{t('topbar.waitingForSite')}</div>}
        <StatusLegend />
        <KpiPanel />
      </div>
    </div>
  );
}
