import { testRule } from '../../rule-tester.js';
import rule from './media-read-only.js';

testRule(rule, {
  valid: [
    { name: 'media mounted ro', site: () => {} },
    {
      name: 'the declared writer mounts rw',
      site: (s) => {
        s.mounts![0]!.mode = 'rw';
        s.shares!['media']!.writers = ['compute'];
      },
    },
    {
      name: 'appdata may be rw',
      site: (s) => {
        s.shares!['media']!.content = 'appdata';
        s.mounts![0]!.mode = 'rw';
      },
    },
  ],
  invalid: [
    {
      name: 'media mounted rw',
      site: (s) => (s.mounts![0]!.mode = 'rw'),
      errors: [
        {
          messageId: 'writable',
          modelPath: 'mounts[0].mode',
          message: "host `compute`: mount `/mnt/media` of media share `storage:media` must be read-only (set `mode: 'ro'`",
        },
      ],
    },
  ],
});
