/** How the app reaches Microsoft Graph with its own identity (client credentials). */
export interface GraphSettings {
  tenantId: string;
  clientId: string;
  /** A client secret, or… */
  clientSecret?: string;
  /** …a PEM file holding the certificate and its private key (preferred in production). */
  certificatePath?: string;
  /** https://login.microsoftonline.com unless the tenant lives in another cloud. */
  authorityHost: string;
  /** https://graph.microsoft.com unless the tenant lives in another cloud. */
  graphBaseUrl: string;
  /** The site as hostname:/sites/path, e.g. sjovik.sharepoint.com:/sites/infosak. */
  site: string;
}
