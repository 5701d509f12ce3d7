import * as bcrypt from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';

const ROUNDS = 10;
/** Compared against when the email is unknown, so both answers take the same time. */
const DUMMY_HASH = bcrypt.hashSync('karta-no-such-user', ROUNDS);

export const hashPassword = (password: string) => bcrypt.hash(password, ROUNDS);
export const verifyPassword = (password: string, hash: string | null) =>
  bcrypt.compare(password, hash ?? DUMMY_HASH);
export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');
