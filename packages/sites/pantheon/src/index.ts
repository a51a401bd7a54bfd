/**
 * Pantheon (seed 000): `prometheus` is the disposable compute + GPU host (not the monitoring
 * server's name clash — here it *also* runs the monitoring stack), `atlas` the authoritative NFS
 * storage, `cerberus` the firewall.
 *
 * The seed gives VLAN numbers for MGMT (99) and SERVERS (60) but no subnets, no numbers for USER
 * and GUEST, and no addresses; those below are placeholders chosen to be consistent (10.<vlan>.0.0/24)
 * and are the first thing to replace with the real plan. The SERVERS address of `prometheus` is
 * DHCP in the seed, so it is addressed by its DNS name; its reservation (the seed's "ensure stable
 * addressing") is the address Compose publishes the stack's ports on.
 */
import { defineSite } from '@kiln/model';

export const site = defineSite({
  name: 'pantheon',
  description: 'Pantheon homelab: disposable GPU compute on Prometheus, authoritative storage on Atlas, Cerberus firewall.',
  runbookUrl: 'https://wiki.pantheon.lan/runbooks/{alertname}',

  vlans: {
    mgmt: { id: 99, cidr: '10.99.0.0/24', zone: 'management', description: 'MGMT — administrative access only' },
    servers: { id: 60, cidr: '10.60.0.0/24', zone: 'servers', description: 'SERVERS — runtime/service traffic' },
    user: { id: 10, cidr: '10.10.0.0/24', zone: 'users', description: 'USER — people' },
    guest: { id: 20, cidr: '10.20.0.0/24', zone: 'guests', description: 'GUEST — visitors, internet only' },
  },

  hosts: {
    prometheus: {
      role: 'Disposable compute + GPU runtime (Docker, NVIDIA container toolkit, optional KVM)',
      disposition: 'disposable',
      os: 'Ubuntu Server LTS (minimal)',
      interfaces: {
        // A DHCP reservation (placeholder address): Compose publishes ports on an IP address, and the
        // seed asks for stable addressing for service binds. Others still reach it by its DNS name.
        nic1: { vlan: 'servers', address: '10.60.0.20', dnsName: 'prometheus.servers.pantheon.lan', description: 'service runtime' },
        nic2: { vlan: 'mgmt', address: '10.99.0.20', description: 'administrative access' },
      },
      disks: {
        os: { role: 'os', mountPoint: '/', media: 'ssd' },
        docker: { role: 'containers', mountPoint: '/var/lib/docker', media: 'ssd' },
        scratch: { role: 'scratch', mountPoint: '/mnt/scratch', media: 'nvme', device: 'nvme0n1p1' },
      },
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA RTX A4000 Ada' }],
      exporters: { node: {}, 'nvidia-gpu': {} },
    },
    atlas: {
      role: 'Authoritative storage (array-only shares over NFS/SMB)',
      disposition: 'authoritative',
      interfaces: {
        nic1: { vlan: 'servers', address: '10.60.0.10' },
        nic2: { vlan: 'mgmt', address: '10.99.0.10' },
      },
      disks: { os: { role: 'os', mountPoint: '/' } },
      exporters: { node: {} },
    },
    cerberus: {
      role: 'Firewall and inter-VLAN router',
      disposition: 'authoritative',
      interfaces: {
        mgmt: { vlan: 'mgmt', address: '10.99.0.1' },
        servers: { vlan: 'servers', address: '10.60.0.1' },
        user: { vlan: 'user', address: '10.10.0.1' },
        guest: { vlan: 'guest', address: '10.20.0.1' },
      },
      exporters: { node: { interface: 'mgmt' } },
    },
  },

  shares: {
    root: { host: 'atlas', path: '/mnt/user', content: 'root', description: 'Atlas NFS root' },
    appdata: { host: 'atlas', path: '/mnt/user/appdata', content: 'appdata', protocols: ['nfs', 'smb'] },
    datasets: { host: 'atlas', path: '/mnt/user/datasets', content: 'datasets', protocols: ['nfs', 'smb'] },
    'managed-media': { host: 'atlas', path: '/mnt/user/managed-media', content: 'media', protocols: ['nfs', 'smb'] },
    'shared-media': { host: 'atlas', path: '/mnt/user/shared-media', content: 'media', protocols: ['nfs', 'smb'] },
  },

  mounts: [
    { host: 'prometheus', share: 'root', mountPoint: '/mnt/atlas', mode: 'ro', protocol: 'nfs', purpose: 'Atlas NFS root (required)' },
    {
      host: 'prometheus',
      share: 'appdata',
      mountPoint: '/mnt/atlas/appdata',
      mode: 'rw',
      protocol: 'nfs',
      purpose: 'Container runtime state',
    },
    {
      host: 'prometheus',
      share: 'datasets',
      mountPoint: '/mnt/atlas/datasets',
      mode: 'rw',
      protocol: 'nfs',
      purpose: 'Compute datasets; outputs promoted back to Atlas',
    },
    {
      host: 'prometheus',
      share: 'managed-media',
      mountPoint: '/mnt/atlas/managed-media',
      mode: 'ro',
      protocol: 'nfs',
      purpose: 'Media libraries',
    },
    {
      host: 'prometheus',
      share: 'shared-media',
      mountPoint: '/mnt/atlas/shared-media',
      mode: 'ro',
      protocol: 'nfs',
      purpose: 'Family media (not service-owned)',
      required: false,
    },
  ],

  services: {
    'prometheus-sshd': {
      host: 'prometheus',
      description: 'SSH, key-based, root login disabled',
      endpoints: { ssh: { port: 22, kind: 'admin', bind: 'nic2' } },
    },
    jellyfin: {
      host: 'prometheus',
      description: 'Media server (GPU transcoding); state on Atlas appdata',
      endpoints: { http: { port: 8096, kind: 'service', bind: 'nic1' } },
      dataPaths: ['/mnt/atlas/appdata/jellyfin'],
    },
    grafana: {
      host: 'prometheus',
      description: 'Dashboards for the monitoring stack',
      endpoints: { http: { port: 3000, kind: 'service', bind: 'nic1' } },
      dataPaths: ['/mnt/atlas/appdata/grafana'],
    },
    'atlas-sshd': { host: 'atlas', endpoints: { ssh: { port: 22, kind: 'admin', bind: 'nic2' } } },
    'atlas-nfs': { host: 'atlas', description: 'NFS exports', endpoints: { nfs: { port: 2049, kind: 'service', bind: 'nic1' } } },
    'cerberus-admin': {
      host: 'cerberus',
      description: 'Firewall web UI and SSH',
      endpoints: { https: { port: 443, kind: 'admin', bind: 'mgmt' }, ssh: { port: 22, kind: 'admin', bind: 'mgmt' } },
    },
  },

  lint: {
    suppressions: [
      {
        rule: 'net/no-untrusted-interface',
        entity: 'host:cerberus',
        reason: 'Cerberus is the inter-VLAN firewall: it has a leg in every VLAN by design',
      },
    ],
  },

  receivers: {
    'ops-email': {
      description: 'The household admin mailbox',
      emails: [
        {
          to: 'ops@pantheon.lan',
          from: 'alertmanager@pantheon.lan',
          smarthost: 'mail.pantheon.lan:587',
          authUsername: 'alertmanager',
          authPasswordFile: '/etc/alertmanager/secrets/smtp-password',
        },
      ],
    },
    'ops-push': {
      description: 'Phone push notifications through ntfy',
      webhooks: [{ url: 'https://ntfy.pantheon.lan/pantheon-alerts', bearerTokenFile: '/etc/alertmanager/secrets/ntfy-token' }],
    },
    'deadmans-switch': {
      description: 'External heartbeat monitor; pages when the Watchdog stops arriving',
      webhooks: [
        {
          url: 'https://healthchecks.pantheon.lan/ping/pantheon-watchdog',
          bearerTokenFile: '/etc/alertmanager/secrets/healthchecks-token',
        },
      ],
    },
  },

  routing: {
    receiver: 'ops-email',
    routes: [
      { matchers: ['alertname="Watchdog"'], receivers: ['deadmans-switch'], repeatInterval: '5m', groupWait: '0s' },
      { matchers: ['severity="critical"'], receivers: ['ops-push', 'ops-email'], repeatInterval: '1h' },
      { matchers: ['severity="warning"'], receivers: ['ops-email'] },
    ],
  },

  prometheus: {
    host: 'prometheus',
    bind: 'nic1',
    scrapeInterval: '30s',
    evaluationInterval: '30s',
    retentionTime: '30d',
    retentionSize: '50GB',
    externalLabels: { environment: 'homelab' },
  },
  alertmanager: { host: 'prometheus', bind: 'nic1' },
  grafana: { url: 'http://prometheus.servers.pantheon.lan:3000' },

  // The seed's "Docker-Compose style monitoring": the stack as a Compose project on `prometheus`.
  deploy: {
    compose: {
      grafana: { service: 'grafana', adminPasswordFile: '/etc/grafana/secrets/admin-password' },
    },
  },

  // `kiln test` fails when fewer alert rules have a firing unit test, or fewer routes a routing test.
  testing: { minCoverage: 0.8 },
  // The routing policy as tests: `kiln test` checks each with Kiln's simulator and with amtool.
  routingTests: [
    {
      name: 'criticals page the phone and mail',
      labels: { alertname: 'NfsMountUnavailable', severity: 'critical', host: 'prometheus', mountpoint: '/mnt/atlas' },
      expect: ['ops-push', 'ops-email'],
    },
    {
      name: 'warnings go to mail',
      labels: { alertname: 'ScratchDiskPressure', severity: 'warning', host: 'prometheus' },
      expect: ['ops-email'],
    },
    {
      name: "the Watchdog goes only to the dead man's switch",
      labels: { alertname: 'Watchdog', severity: 'none' },
      expect: ['deadmans-switch'],
    },
    { name: 'anything else falls back to mail', labels: { alertname: 'SomethingNew', severity: 'info' }, expect: ['ops-email'] },
    {
      name: 'a host whose node exporter is down does not also page for its mounts',
      labels: { alertname: 'NfsMountUnavailable', severity: 'critical', host: 'prometheus', mountpoint: '/mnt/atlas' },
      expect: ['ops-push', 'ops-email'],
      inhibitedBy: { alertname: 'InstanceDown', job: 'node', severity: 'critical', host: 'prometheus' },
    },
  ],
});

export default site;
