/**
 * The record life cycle, sector by sector, through the gateway as each sector's authorities: one
 * jest file, so the graph's modules load once for all of them (each module below still starts its
 * own subgraphs on its own stores, so no sector's records meet another's).
 */
import './taxation';
import './finance';
import './construction';
import './ecommerce';
import './healthcare';
import './registry';
import './retention';
import './import';
