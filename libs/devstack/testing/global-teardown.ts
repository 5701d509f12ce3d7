import { stopTestStack } from './stack';

export default stopTestStack;
