/**
 * The browser tests: one jest file, so that the graph's modules, the identity provider's and
 * Playwright's load once for all of them, and one Chromium serves them all (each block still has its
 * own contexts, so no cookie, storage or cache passes from one block to the next, and its own stack,
 * so no block's records meet another's). The blocks are in the modules below.
 */
import { closeChromium } from './support';
import './support/harness.browser';
import './explorer.browser';
import './subject.browser';
import './desk.browser';

// After every block's own afterAll.
afterAll(closeChromium);
