import { testRule } from '../../rule-tester.js';
import rule from './gpu-monitored.js';

testRule(rule, {
  valid: [
    { name: 'GPU host with the GPU exporter', site: () => {} },
    {
      name: 'GPU host with the NVML GPU exporter',
      site: (s) => void (s.hosts['compute']!.exporters = { node: {}, 'nvidia-gpu-nvml': {} }),
    },
    {
      name: 'no GPUs, no exporter needed',
      site: (s) => {
        s.hosts['compute']!.gpus = [];
        delete s.hosts['compute']!.exporters!['nvidia-gpu'];
      },
    },
  ],
  invalid: [
    {
      name: 'GPU host without the GPU exporter',
      site: (s) => delete s.hosts['compute']!.exporters!['nvidia-gpu'],
      errors: [{ messageId: 'unmonitored', modelPath: 'hosts.compute.exporters', message: '1 GPU(s) (NVIDIA RTX A4000)' }],
    },
  ],
});
