// Every check of the verifier with the kernel's message (cases in checks-cases.ts).

import { SUITES } from './checks-cases.js';
import { caseSuite } from './harness.js';

for (const [title, cases] of SUITES) caseSuite(title, cases);
