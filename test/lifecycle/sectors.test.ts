/**
 * The record life cycle of four sectors, through the gateway as each sector's authorities: one jest
 * file, so the graph's modules load once for all of them (each module below still starts its own
 * subgraphs on its own stores, so no sector's records meet another's). The rest is in more.test.ts:
 * two files of about the same length, which jest's two workers run side by side.
 */
import './taxation';
import './finance';
import './construction';
import './ecommerce';
