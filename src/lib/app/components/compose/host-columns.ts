/** The host form's tables: which fields each record has and how they read (docs/scenario-format.md). */
import { IPSET_TYPES } from '$lib/scenario/ipset-members';
import type { Column } from './field-text';

export const INTERFACE_COLUMNS: readonly Column[] = [
	{ key: 'name', label: 'name', kind: 'text', required: true, placeholder: 'eth0' },
	{
		key: 'addresses',
		label: 'addresses',
		kind: 'list',
		required: true,
		placeholder: '10.0.1.1/24, …'
	},
	{ key: 'mac', label: 'mac', kind: 'text', placeholder: '02:00:00:00:00:01' }
];

export const ROUTE_COLUMNS: readonly Column[] = [
	{ key: 'to', label: 'to', kind: 'text', required: true, placeholder: 'default' },
	{ key: 'via', label: 'via', kind: 'text', placeholder: 'gateway' },
	{ key: 'dev', label: 'dev', kind: 'text', placeholder: 'eth1' },
	{ key: 'src', label: 'src', kind: 'text' },
	{ key: 'metric', label: 'metric', kind: 'number', placeholder: '0' },
	{ key: 'table', label: 'table', kind: 'number-or-text', placeholder: 'main' }
];

export const POLICY_COLUMNS: readonly Column[] = [
	{ key: 'fwmark', label: 'fwmark', kind: 'number-or-text', required: true, placeholder: '0x1' },
	{ key: 'mask', label: 'mask', kind: 'number-or-text', placeholder: '0xffffffff' },
	{ key: 'table', label: 'table', kind: 'number-or-text', required: true, placeholder: '7' },
	{ key: 'priority', label: 'priority', kind: 'number', placeholder: 'auto' }
];

export const LISTENING_COLUMNS: readonly Column[] = [
	{ key: 'proto', label: 'proto', kind: 'choice', options: ['tcp', 'udp'], required: true },
	{ key: 'port', label: 'port', kind: 'number', required: true, placeholder: '22' },
	{ key: 'address', label: 'address', kind: 'text', placeholder: 'all' }
];

export const IPSET_COLUMNS: readonly Column[] = [
	{ key: 'name', label: 'name', kind: 'text', required: true, placeholder: 'blocked' },
	{ key: 'type', label: 'type', kind: 'choice', options: IPSET_TYPES, required: true },
	{ key: 'members', label: 'members', kind: 'list', required: true, placeholder: '10.9.0.0/16, …' }
];
