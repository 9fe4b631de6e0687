package io.openwaba.bench.client;

import java.io.IOException;

import static io.openwaba.bench.shared.Elapsed.now;

/** What a client thread does with a slot: the phase's request, once (open loop) or until the end. */
record Phase(PhaseRecorder stats, RequestTemplate requests, OnSuccess onSuccess, boolean closedLoop, long end) {

    void execute(Worker worker) {
        Bytes request = worker.request.reset();
        Connection connection = worker.connection;
        long opened = connection.opened;
        long retries = connection.staleRetries;
        Response response = null;
        Exception error = null;
        long start = now();
        try {
            requests.write(request);
            response = connection.exchange(request.array(), request.length());
        } catch (IOException | RuntimeException e) {
            error = e;
        }
        long end = now();
        stats.connections(connection.opened - opened, connection.staleRetries - retries);
        stats.complete(response, error, start, end, onSuccess);
    }
}
