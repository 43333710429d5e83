/**
 * What a simulation may still spend (docs/limits.md). The kernel refuses loops, but it accepts
 * user chains that each jump twice to the next, which make a packet walk 2^depth chains; a rule
 * set with errors (a loop the app would not simulate) could walk forever. The budget ends such a
 * walk with a clear fate instead of hanging the page.
 */
import { SIM_BUDGET, type SimLimits } from '../limits';

const n = (x: number) => x.toLocaleString('en');

export class SimBudget {
	/** Rule tests of the packet being walked. */
	private packetTests = 0;
	private scenarioTests = 0;
	/** Steps of the packets already walked. */
	private scenarioSteps = 0;

	constructor(private readonly limits: Readonly<SimLimits> = SIM_BUDGET) {}

	startPacket(): void {
		this.packetTests = 0;
	}

	endPacket(steps: number): void {
		this.scenarioSteps += steps;
	}

	/** Why the scenario may walk no more packets, or null while it may. */
	scenarioSpent(): string | null {
		if (this.scenarioSteps >= this.limits.stepsPerScenario)
			return `nfwalk did not walk this packet: the scenario's earlier packets took ${n(this.scenarioSteps)} steps, the most a scenario may take (see docs/limits.md)`;
		if (this.scenarioTests >= this.limits.ruleTestsPerScenario)
			return `nfwalk did not walk this packet: the scenario's earlier packets were tested against ${n(this.scenarioTests)} rules, the most a scenario may be (see docs/limits.md)`;
		return null;
	}

	/**
	 * Charges entering a chain of `rules` rules with `steps` steps taken so far by this packet;
	 * says why the walk must stop here, or null.
	 */
	enterChain(rules: number, steps: number): string | null {
		this.packetTests += rules;
		this.scenarioTests += rules;
		const l = this.limits;
		const over =
			steps >= l.stepsPerPacket
				? `took ${n(l.stepsPerPacket)} steps, the most one packet may take`
				: this.packetTests > l.ruleTestsPerPacket
					? `was tested against more than ${n(l.ruleTestsPerPacket)} rules, the most one packet may be`
					: this.scenarioSteps + steps >= l.stepsPerScenario
						? `brought the scenario to ${n(l.stepsPerScenario)} steps, the most a scenario may take`
						: this.scenarioTests > l.ruleTestsPerScenario
							? `brought the scenario past ${n(l.ruleTestsPerScenario)} rule tests, the most a scenario may make`
							: null;
		return (
			over &&
			`nfwalk stopped this packet: it ${over} (see docs/limits.md); look for user chains that jump to each other many times`
		);
	}
}
