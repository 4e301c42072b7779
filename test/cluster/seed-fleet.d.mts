/** Types of seed-fleet.mjs (a plain module the benchmark imports too). */
export interface FleetOptions {
  readonly pods: number;
  readonly prefix?: string;
}
export function fleetNamespaces(pods: number, prefix?: string): string[];
export function seedFleet(kubeconfigPath: string, options: FleetOptions): Promise<{ namespaces: string[]; pods: number; failing: number }>;
export function removeFleet(kubeconfigPath: string, options: FleetOptions): Promise<void>;
