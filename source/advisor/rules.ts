// Every rule the advisor applies, in the order findings are listed. A new rule is one file
// in rules/ with its test, and one line here.
import type {Rule} from './finding.js';
import {delayLongerThanMonitor} from './rules/delay-longer-than-monitor.js';
import {failingSlot} from './rules/failing-slot.js';
import {failureRatioNeedsEveryTask} from './rules/failure-ratio-needs-every-task.js';
import {failureActionContinue} from './rules/failure-action-continue.js';
import {monitorShorterThanHealthCheck} from './rules/monitor-shorter-than-health-check.js';
import {noHealthCheck} from './rules/no-health-check.js';
import {rollbackStopFirst} from './rules/rollback-stop-first.js';
import {shortOfReplicas} from './rules/short-of-replicas.js';
import {startFirstHostPort} from './rules/start-first-host-port.js';
import {stopFirstOutage} from './rules/stop-first-outage.js';
import {unreachableFailureRatio} from './rules/unreachable-failure-ratio.js';
import {updatePaused} from './rules/update-paused.js';

export const rules: readonly Rule[] = [
	updatePaused,
	shortOfReplicas,
	failingSlot,
	stopFirstOutage,
	rollbackStopFirst,
	startFirstHostPort,
	noHealthCheck,
	failureActionContinue,
	unreachableFailureRatio,
	failureRatioNeedsEveryTask,
	monitorShorterThanHealthCheck,
	delayLongerThanMonitor,
];
