/**
 * How the app reaches Microsoft Graph with its own identity: an app registration with client
 * credentials (a secret or a certificate), or the App Service's managed identity (no secret).
 */
export interface GraphSettings {
  /** The app registration's tenant; not needed with a managed identity ('' then). */
  tenantId: string;
  /** The app registration's client id; '' with a managed identity. */
  clientId: string;
  /** A client secret, or… */
  clientSecret?: string;
  /** …a PEM file holding the certificate and its private key (preferred in production), or… */
  certificatePath?: string;
  /** …the App Service's managed identity: `{}` for the system-assigned one, `{ clientId }` for a user-assigned one. */
  managedIdentity?: { clientId?: string };
  /** https://login.microsoftonline.com unless the tenant lives in another cloud (not used with a managed identity). */
  authorityHost: string;
  /** https://graph.microsoft.com unless the tenant lives in another cloud. */
  graphBaseUrl: string;
  /** The site as hostname:/sites/path, e.g. sjovik.sharepoint.com:/sites/infosak; '' when Graph is used without one (people from Entra ID). */
  site: string;
}
