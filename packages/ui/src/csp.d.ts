/** See csp.js: the built apps' Content-Security-Policy. */
export declare const CONTENT_SECURITY_POLICY: string;
