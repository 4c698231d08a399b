// Placeholder until the strip lands (issue 9 part 5).
export function WallClearanceStrip() {
  return null;
}
