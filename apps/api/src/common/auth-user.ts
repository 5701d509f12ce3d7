/** The authenticated person, as the JWT guard puts it on the request. */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
}
