import contentTypes from './server/content-types';
import controllers from './server/controllers';
import routes from './server/routes';
import services from './server/services';

/**
 * The naive baseline the benchmark (bench/) compares the Kafka bid path with:
 * each bid decided and written inside the CMS database. It is not part of the
 * product, so it is a local plugin that config/plugins.ts enables only when
 * BASELINE_BID_ROUTE=true (the bench sets it on the cms it starts; nothing
 * else does). Without it, neither its route nor its table exists.
 */
export default { contentTypes, controllers, routes, services };
