package dev.agenthub.orchestration.insights.port;

/**
 * Port: the job and webhook figures of {@code /metrics} (wire spec agenthub §11.2). The job table and the webhook
 * deliveries are read from their stores at scrape time; {@link #UNWIRED} reports 0 for everything, for a hub that is
 * not started yet. Implementations are thread-safe and read at call time.
 */
public interface AutopilotMetricsSource {

    /** Reports 0 for every figure (a hub that has not started). */
    AutopilotMetricsSource UNWIRED = () -> new JobFigures(0, 0, 0, 0, 0.0, 0, 0, 0);

    JobFigures read();

    /**
     * @param queued                    queued jobs
     * @param running                   running jobs
     * @param completed                 completed jobs
     * @param failed                    failed jobs
     * @param oldestQueuedAgeSeconds    age of the oldest queued job in seconds, 0 when none
     * @param staleRecovered            stale recoveries by the in-process worker (a counter)
     * @param workerLoopErrors          worker loop errors (a counter)
     * @param webhookDeliveriesFailed   webhook deliveries with action {@code failed} (a counter)
     */
    record JobFigures(long queued, long running, long completed, long failed, double oldestQueuedAgeSeconds,
                      long staleRecovered, long workerLoopErrors, long webhookDeliveriesFailed) {
    }
}
