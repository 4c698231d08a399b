// Placeholder until the panel lands (issue 9 part 5).
export function ClearancePanel() {
  return <aside className="kpi" data-testid="clearance-panel" />;
}
