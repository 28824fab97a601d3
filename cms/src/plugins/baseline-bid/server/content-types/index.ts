import schema from './baseline-bid/schema.json';

export default { 'baseline-bid': { schema } };
