package io.openwaba.bench.client;

import java.util.concurrent.locks.LockSupport;

import static io.openwaba.bench.shared.Elapsed.now;
import static io.openwaba.bench.shared.Log.log;

/** A client thread: parks until handed a phase, runs it, goes back on the idle stack. */
final class Worker implements Runnable {
    final Driver driver;
    final Connection connection;
    final Bytes request = new Bytes(512);
    volatile Phase assigned;
    Worker next;
    Thread thread;

    Worker(Driver driver, Connection connection) {
        this.driver = driver;
        this.connection = connection;
    }

    @Override
    public void run() {
        while (true) {
            Phase phase = assigned;
            if (phase == null) {
                LockSupport.park(this);
                continue;
            }
            if (phase == Driver.STOP) {
                connection.close();
                return;
            }
            assigned = null;
            try {
                do {
                    phase.execute(this);
                } while (phase.closedLoop() && now() < phase.end());
            } catch (RuntimeException e) {
                log("client thread: %s", e);
            }
            driver.finished(this);
        }
    }
}
