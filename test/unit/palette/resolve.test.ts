import {describe, expect, it} from 'vitest';
import {completePalette} from '../../../source/palette/complete.js';
import {paletteWords, resolvePalette, type PaletteContext} from '../../../source/palette/resolve.js';

const context: PaletteContext = {
	services: [
		{id: 'id-vote', name: 'vote'},
		{id: 'id-worker', name: 'dockercoins_worker'},
		{id: 'id-webui', name: 'dockercoins_webui'},
		{id: 'id-whoami', name: 'whoami'},
	],
	stacks: ['dockercoins', 'monitoring'],
	contexts: ['default', 'lab', 'prod-eu'],
};

function intent(line: string) {
	const resolved = resolvePalette(line, context);
	if ('error' in resolved) {
		throw new Error(resolved.error);
	}

	return {id: resolved.intent.command.id, serviceId: resolved.intent.serviceId, stack: resolved.intent.stack, values: resolved.intent.values, complete: resolved.intent.complete};
}

const error = (line: string) => {
	const resolved = resolvePalette(line, context);
	return 'error' in resolved ? resolved.error : undefined;
};

describe('paletteWords', () => {
	it('splits as a shell would, quotes and all, with or without the leading colon', () => {
		expect(paletteWords(':image vote "swarmdeck/vote:movies"')).toEqual({words: ['image', 'vote', 'swarmdeck/vote:movies']});
		expect(paletteWords('  stack \'my stack\'  ')).toEqual({words: ['stack', 'my stack']});
		expect(paletteWords('scale vote $HOME')).toEqual({words: ['scale', 'vote', '$HOME']});
		expect(paletteWords('image vote *')).toEqual({words: ['image', 'vote', '*']});
	});

	it('refuses shell syntax: the palette runs one command, never a shell line', () => {
		expect(paletteWords('scale vote 7; rm -rf /')).toEqual({error: 'The palette takes one command, not shell syntax: remove the ";".'});
		expect('error' in paletteWords('scale vote $(id)')).toBe(true);
		expect('error' in paletteWords('events | tee x')).toBe(true);
	});
});

describe('resolvePalette', () => {
	it('finds views by name or alias, whatever the case', () => {
		expect(intent('events').id).toBe('events');
		expect(intent(':EV').id).toBe('events');
		expect(intent('stacks').id).toBe('stacks');
		expect(intent('services').id).toBe('back');
		expect(intent('q').id).toBe('quit');
		expect(intent('stack dockercoins')).toMatchObject({id: 'openStack', stack: 'dockercoins'});
		expect(intent('tasks vote')).toMatchObject({id: 'open', serviceId: 'id-vote'});
	});

	it('gives an action its service and the form values in order, and says when all were given', () => {
		expect(intent('scale vote 7')).toEqual({id: 'scale', serviceId: 'id-vote', stack: undefined, values: {replicas: '7'}, complete: true});
		expect(intent('scale vote=7')).toMatchObject({id: 'scale', serviceId: 'id-vote', values: {replicas: '7'}, complete: true});
		expect(intent('scale vote')).toMatchObject({id: 'scale', values: {}, complete: false});
		expect(intent('image whoami swarmdeck/whoami:2.0')).toMatchObject({id: 'image', serviceId: 'id-whoami', values: {image: 'swarmdeck/whoami:2.0'}, complete: true});
		// The policy form has twelve fields: the palette opens it.
		expect(intent('policy vote')).toMatchObject({id: 'policy', complete: false});
		// A rollback has no form: it goes straight to its confirmation.
		expect(intent('rollback vote')).toMatchObject({id: 'rollback', complete: true});
	});

	it('says what is wrong in a sentence, with a guess where one is close', () => {
		expect(error('')).toBe('Type a command: Tab lists them, :help shows every key and command.');
		expect(error('scal vote 7')).toBe('There is no command :scal. Did you mean :scale? Tab lists the commands.');
		expect(error('frobnicate')).toBe('There is no command :frobnicate. Tab lists the commands.');
		expect(error('scale vot 7')).toBe('No service is named "vot". Did you mean vote? Tab completes names.');
		expect(error('scale dvote 7')).toBe('No service is named "dvote". Did you mean vote? Tab completes names.');
		expect(error('scale whoamy 7')).toBe('No service is named "whoamy". Did you mean whoami? Tab completes names.');
		expect(error('scale nginx 7')).toBe('No service is named "nginx". Tab completes names.');
		expect(error('evnets')).toBe('There is no command :evnets. Did you mean :events? Tab lists the commands.');
		expect(error('scale')).toBe(':scale needs a service: :scale SERVICE REPLICAS');
		expect(error('scale vote 7 8')).toBe(':scale takes at most 2 words after its name: :scale SERVICE REPLICAS');
		expect(error('events now')).toBe(':events takes no words after its name: :events');
		expect(error('stack dockercoin')).toBe('No stack is named "dockercoin". Did you mean dockercoins? Tab completes names.');
	});
});

describe(':context', () => {
	it('lists with no name, switches with one, and refuses a name that is no context', () => {
		const alone = resolvePalette('ctx', context);
		expect('intent' in alone && {id: alone.intent.command.id, context: alone.intent.context}).toEqual({id: 'context', context: undefined});
		const named = resolvePalette('context prod-eu', context);
		expect('intent' in named && named.intent.context).toBe('prod-eu');
		expect(error(':context prd-eu')).toBe('There is no docker context named "prd-eu". Did you mean prod-eu? :context alone lists them.');
		expect(error(':ctx lab prod-eu')).toBe(':context takes at most 1 word after its name: :context NAME');
	});

	it('completes context names', () => {
		expect(completePalette('ctx pr', context)).toEqual({line: 'ctx prod-eu ', candidates: []});
	});
});

describe('completePalette', () => {
	it('completes a command name, adding a space when only one fits', () => {
		expect(completePalette('sca', context)).toEqual({line: 'scale ', candidates: []});
		expect(completePalette(':ev', context)).toEqual({line: 'events ', candidates: []});
	});

	it('extends to what all candidates share, and lists them', () => {
		expect(completePalette('s', context)).toEqual({line: 's', candidates: ['scale', 'secrets', 'services', 'stack', 'stacks']});
		expect(completePalette('scale dockercoins', context)).toEqual({line: 'scale dockercoins_w', candidates: ['dockercoins_webui', 'dockercoins_worker']});
	});

	it('completes services and stacks where the command takes them, and nothing where it takes text', () => {
		expect(completePalette('scale vo', context)).toEqual({line: 'scale vote ', candidates: []});
		expect(completePalette('stack mon', context)).toEqual({line: 'stack monitoring ', candidates: []});
		expect(completePalette('scale vote 7', context)).toEqual({line: 'scale vote 7', candidates: []});
	});
});

describe('docker service commands as typed or pasted', () => {
	it('takes scale, rollback and update with or without the leading docker service', () => {
		expect(intent('docker service scale vote=7')).toMatchObject({id: 'scale', serviceId: 'id-vote', values: {replicas: '7'}, complete: true});
		expect(intent('service rollback vote')).toMatchObject({id: 'rollback', serviceId: 'id-vote'});
		expect(intent('docker service update --env-add "A=1 2" --update-parallelism=2 vote')).toEqual({
			id: 'typedUpdate', serviceId: 'id-vote', stack: undefined, complete: true,
			values: {words: JSON.stringify(['--env-add', 'A=1 2', '--update-parallelism=2', 'vote'])},
		});
		expect(intent('update --force whoami')).toMatchObject({id: 'typedUpdate', serviceId: 'id-whoami'});
	});

	it('says in a sentence what it cannot run, naming the flag', () => {
		expect(error('docker service update --ulimit-add nofile=1024 vote')).toBe('--ulimit-add is a docker service update flag swarmdeck does not edit yet: nothing was sent. Run that one with docker itself.');
		expect(error('docker service update --colour red vote')).toBe('There is no flag --colour in docker service update: nothing was sent.');
		expect(error('docker service update --env-add A=1 nosuch')).toMatch(/^No service is named "nosuch"/);
		expect(error('docker service update --env-add A=1')).toBe('Name the service last: docker service update [flags] SERVICE.');
		expect(error('docker run nginx')).toMatch(/^The palette runs docker service create, update, scale, rollback and rm/);
	});
});
