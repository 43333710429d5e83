/** The scenario format's public API: parse a scenario file into the engine's inputs. */
export { parseScenario } from './parse-scenario';
export type { ScenarioCode } from './checker';
export * from './scenario';
