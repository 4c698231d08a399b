// Placeholder until the panel lands (issue 9 part 5).
export function JourneysPanel() {
  return <aside className="kpi" data-testid="journeys-panel" />;
}
