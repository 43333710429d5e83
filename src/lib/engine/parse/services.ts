/**
 * Service names iptables resolves through /etc/services (getservbyname). nfwalk runs in a
 * browser with no such file, so it carries the common entries of Debian's netbase list.
 */
export const SERVICE_PORTS: Readonly<Record<string, number>> = {
	tcpmux: 1, echo: 7, discard: 9, systat: 11, daytime: 13, netstat: 15, qotd: 17, chargen: 19,
	'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25, time: 37, whois: 43, tacacs: 49,
	domain: 53, gopher: 70, finger: 79, http: 80, www: 80, kerberos: 88, 'iso-tsap': 102,
	pop3: 110, pop2: 109, sunrpc: 111, auth: 113, ident: 113, nntp: 119, ntp: 123, epmap: 135,
	'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139, imap2: 143, imap: 143, snmp: 161,
	'snmp-trap': 162, xdmcp: 177, bgp: 179, irc: 194, ldap: 389, https: 443, 'microsoft-ds': 445,
	kpasswd: 464, isakmp: 500, submissions: 465, ssmtp: 465, urd: 465, exec: 512, biff: 512,
	login: 513, who: 513, shell: 514, syslog: 514, printer: 515, talk: 517, ntalk: 518, route: 520,
	rtsp: 554, submission: 587, ipp: 631, ldaps: 636, rsync: 873, 'ftps-data': 989, ftps: 990,
	telnets: 992, imaps: 993, pop3s: 995, socks: 1080, openvpn: 1194, 'ms-sql-s': 1433,
	'ms-sql-m': 1434, pptp: 1723, radius: 1812, 'radius-acct': 1813, nfs: 2049, 'cvspserver': 2401,
	mysql: 3306, 'ms-wbt-server': 3389, svn: 3690, sip: 5060, 'sip-tls': 5061, xmpp: 5222,
	'xmpp-client': 5222, 'xmpp-server': 5269, postgresql: 5432, amqp: 5672, x11: 6000,
	'ircd': 6667, 'http-alt': 8080, webcache: 8080, 'tproxy': 8081, hkp: 11371, 'bootps': 67,
	'bootpc': 68, tftp: 69, 'nameserver': 42, 'zephyr-srv': 2102, dhcpv6: 547,
	'dhcpv6-client': 546, 'dhcpv6-server': 547, mdns: 5353, 'l2tp': 1701, 'iax': 4569,
	'git': 9418, 'zabbix-agent': 10050, 'zabbix-trapper': 10051, 'nut': 3493, 'munin': 4949,
	'rfb': 5900, 'vnc': 5900, 'afpovertcp': 548, 'kerberos-adm': 749, 'rndc': 953
};
