/** The configured Zoho limits (ZOHO_*_RPS, ZOHO_*_CONCURRENCY): a budget for the whole deployment. */
export interface DeploymentLimits {
  readonly deskRequestsPerSecond: number
  readonly deskConcurrency: number
  readonly crmRequestsPerSecond: number
  readonly crmConcurrency: number
  /** DOCFLOW_INSTANCES: how many docflow consumers share the budget. */
  readonly instances: number
}

export interface RateLimit {
  readonly requestsPerSecond: number
  readonly concurrency: number
}

export interface InstanceLimits {
  readonly desk: RateLimit
  readonly crm: RateLimit
}

const share = (limit: number, instances: number): number => Math.max(1, limit / instances)

/**
 * What one of `instances` consumers may use: 1/N of the requests per second and of the concurrent
 * requests (whole requests, rounded down), never less than 1 of either, so that N instances
 * together stay within the configured budget (or use 1 each when the budget is smaller than N).
 */
export const instanceLimits = (limits: DeploymentLimits): InstanceLimits => {
  const n = Math.max(1, Math.floor(limits.instances))
  return {
    desk: { requestsPerSecond: share(limits.deskRequestsPerSecond, n), concurrency: Math.floor(share(limits.deskConcurrency, n)) },
    crm: { requestsPerSecond: share(limits.crmRequestsPerSecond, n), concurrency: Math.floor(share(limits.crmConcurrency, n)) }
  }
}
