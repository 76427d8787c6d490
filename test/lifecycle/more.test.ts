/**
 * The record life cycle of healthcare and the registry, retention and the import (see sectors.test.ts
 * for why several modules share one jest file).
 */
import './healthcare';
import './registry';
import './retention';
import './import';
