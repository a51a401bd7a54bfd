import { testRule } from '../../rule-tester.js';
import rule from './pvc-storage-class.js';

const pvc = (cls?: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: prometheus-data\nspec:\n  accessModes: [ReadWriteOnce]\n${cls ? `  storageClassName: ${cls}\n` : ''}  resources:\n    requests: {storage: 20Gi}\n`;

testRule(rule, {
  valid: [
    { name: 'a class the cluster has', files: { 'p.yaml': pvc('local-path') }, options: { storageClasses: ['local-path'] } },
    { name: "any class when the cluster's are unknown", files: { 'p.yaml': pvc('nfs') } },
  ],
  invalid: [
    { name: "seed 003's PVCs name no class", files: { 'p.yaml': pvc() }, errors: [{ messageId: 'missing', line: 5 }] },
    {
      name: 'a misspelt class',
      files: { 'p.yaml': pvc('local-pth') },
      options: { storageClasses: ['local-path'] },
      errors: [{ messageId: 'unknown', line: 7, message: "`local-pth` is not one of the cluster's (`local-path`)" }],
    },
  ],
});
