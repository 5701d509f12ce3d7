import { startTestStack } from './stack';

export default startTestStack;
