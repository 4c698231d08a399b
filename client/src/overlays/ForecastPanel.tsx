// Placeholder until the panel lands (issue 9 part 5).
export function ForecastPanel() {
  return <aside className="kpi" data-testid="forecast-panel" />;
}
