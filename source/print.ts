// The non-interactive path: without a terminal (or with --once) swarmdeck prints the
// services once, the way `docker service ls` would, and exits. The services' text is inert
// already (swarm/normalize.ts); an error's text is made inert here, whatever threw it.
import {fitColumnWidths, formatRow} from './format/columns.js';
import {groupServices, orderedServices, serviceColumns, serviceCells} from './format/service-table.js';
import type {SwarmClient} from './swarm/client.js';
import {inert} from './text/inert.js';

export async function printServices(client: SwarmClient, write = (text: string) => process.stdout.write(text)): Promise<number> {
	try {
		const services = orderedServices(groupServices(await client.listServices()));
		const rows = services.map(service => serviceCells(service));
		const widths = fitColumnWidths(serviceColumns, rows, Number.POSITIVE_INFINITY);
		write(`${[serviceColumns.map(column => column.header), ...rows].map(row => formatRow(row, widths)).join('\n')}\n`);
		return 0;
	} catch (error) {
		process.stderr.write(`swarmdeck: ${inert(error instanceof Error ? error.message : String(error))}\n`);
		return 1;
	}
}
