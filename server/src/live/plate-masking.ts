// Plates as a role may see them (issue 8, part 6): the rows and live states that carry one,
// with it masked for roles without MAY.seePlates. The server masks; clients show what they get.
import { type AssetState, maskPlateField } from '@porttwin/contracts';

/** A truck tracker's live state with the plate in its metrics masked. */
export function maskAssetPlate(asset: AssetState): AssetState {
  const metrics = maskPlateField(asset.metrics);
  return metrics === asset.metrics ? asset : { ...asset, metrics };
}

/** An event row with the plate in its data masked. */
export function maskEventPlate<Row extends { data: Record<string, unknown> }>(row: Row): Row {
  const data = maskPlateField(row.data);
  return data === row.data ? row : { ...row, data };
}

/** A telemetry row with the plate in its metrics masked. */
export function maskTelemetryPlate<Row extends { metrics: Record<string, unknown> }>(row: Row): Row {
  const metrics = maskPlateField(row.metrics);
  return metrics === row.metrics ? row : { ...row, metrics };
}
