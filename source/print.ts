// The non-interactive path: without a terminal (or with --once) swarmdeck prints the
// services once, the way `docker service ls` would, and exits. The services' text is inert
// already (swarm/normalize.ts); an error's text is made inert here, whatever threw it.
import {fitColumnWidths, formatRow} from './format/columns.js';
import {groupServices, orderedServices, serviceColumns, serviceCells} from './format/service-table.js';
import type {SwarmService} from './swarm/types.js';
import {inert} from './text/inert.js';

/** Prints the services a listServices() call answers with (or its error); returns the exit code. */
export async function printServices(listing: Promise<SwarmService[]>, write = (text: string) => process.stdout.write(text)): Promise<number> {
	try {
		const services = orderedServices(groupServices(await listing));
		const rows = services.map(service => serviceCells(service));
		const widths = fitColumnWidths(serviceColumns, rows, Number.POSITIVE_INFINITY);
		write(`${[serviceColumns.map(column => column.header), ...rows].map(row => formatRow(row, widths)).join('\n')}\n`);
		return 0;
	} catch (error) {
		process.stderr.write(`swarmdeck: ${inert(error instanceof Error ? error.message : String(error))}\n`);
		return 1;
	}
}
