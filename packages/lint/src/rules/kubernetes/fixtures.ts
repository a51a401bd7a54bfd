/** Manifests for the kubernetes/ rules' tests: a restricted, complete Deployment and the seed's (003) shapes. */

export const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: prometheus
spec:
  selector:
    matchLabels: {app: prometheus}
  template:
    metadata:
      labels: {app: prometheus}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: prometheus
          image: prom/prometheus:v2.48.0
          resources:
            requests: {cpu: 200m, memory: 256Mi}
            limits: {cpu: "1", memory: 512Mi}
          livenessProbe: {httpGet: {path: /-/healthy, port: 9090}}
          readinessProbe: {httpGet: {path: /-/ready, port: 9090}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;

/** Seed 003's node-exporter DaemonSet (abridged): host namespaces and hostPath, no probes, no reason. */
export const SEED_NODE_EXPORTER = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - name: node-exporter
        image: prom/node-exporter:v1.7.0
        resources:
          requests: {cpu: 25m, memory: 32Mi}
          limits: {cpu: 100m, memory: 64Mi}
        securityContext:
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          runAsUser: 65534
      volumes:
      - name: proc
        hostPath:
          path: /proc
`;

/** Seed 003's Grafana Deployment (abridged): anonymous viewers, no security context. */
export const SEED_GRAFANA = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: grafana
spec:
  selector:
    matchLabels: {app: grafana}
  template:
    metadata:
      labels: {app: grafana}
    spec:
      containers:
      - name: grafana
        image: grafana/grafana:10.2.3
        env:
        - name: GF_SECURITY_ADMIN_PASSWORD
          valueFrom:
            secretKeyRef: {name: grafana-secrets, key: admin-password}
        - name: GF_AUTH_ANONYMOUS_ENABLED
          value: "true"
        resources:
          requests: {cpu: 50m, memory: 128Mi}
          limits: {cpu: 200m, memory: 256Mi}
        livenessProbe: {httpGet: {path: /api/health, port: http}}
        readinessProbe: {httpGet: {path: /api/health, port: http}}
`;

/** A pod template annotation giving the reason, as Kiln writes it. */
export const withAnnotation = (manifest: string, key: string, reason: string) =>
  manifest.replace(/( {4}metadata:\n {6}labels: .*\n)/, `$1      annotations: {${key}: "${reason}"}\n`);
