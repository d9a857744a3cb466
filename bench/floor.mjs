// The least a Node program can do for `docker service ls`'s work: start, ask the daemon's
// unix socket for /services once, print the names. bench/startup.ts times it beside the docker
// CLI, as the floor under any Node CLI's ratio. Usage: node bench/floor.mjs unix:///path.sock
import {Buffer} from 'node:buffer';
import http from 'node:http';
import process from 'node:process';

const socketPath = process.argv[2].replace(/^unix:\/\//, '');
http.get({socketPath, path: '/services?status=true'}, response => {
	const chunks = [];
	response.on('data', chunk => chunks.push(chunk));
	response.on('end', () => {
		const names = JSON.parse(Buffer.concat(chunks).toString()).map(service => service.Spec.Name);
		process.stdout.write(`${names.join('\n')}\n`);
	});
});
