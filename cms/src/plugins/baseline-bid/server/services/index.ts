import baselineBid from './baseline-bid';

export default { 'baseline-bid': baselineBid };
