package io.openwaba.bench.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The console's live updates under load: {@code operators} pages connected to
 * {@code /console/stream} with one operator's session, customers writing {@code rate} messages/s
 * on the sandbox network for {@code seconds}, and for each message and page the time from the
 * customer's send to the page's {@code conversations} event naming that conversation (the list
 * page's update; a conversation's own event goes only to the page showing it). Once its customers are set up,
 * and again once its pages are connected, it writes {@code STEP.ready} in the directory given and
 * waits for {@code STEP.go} (the script measures the server's memory at both). Arguments:
 * base-url session-cookie phone-number-id operators rate seconds directory. JDK only.
 */
public final class SseLoad {

    private static final Pattern ROW = Pattern.compile("/console/conversations/(\\d+)\"><strong>[^<]*</strong></a>\\s*"
            + "<span class=\"number\">\\+(\\d+)</span>");

    public static void main(String[] args) throws Exception {
        var base = args[0];
        var cookie = "JSESSIONID=" + args[1];
        var number = args[2];
        int operators = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        var customers = new ArrayList<String>();
        for (int i = 0; i < rate; i++) {
            var waId = "4917" + (10_000_000 + i);
            post(http, base + "/sandbox/customers", "{\"wa_id\":\"+" + waId + "\",\"name\":\"Live " + i + "\"}");
            write(http, base, number, waId, "hello " + i);
            customers.add(waId);
        }
        var conversationOf = new ConcurrentHashMap<String, String>();
        for (var waId : customers) {
            var list = http.send(HttpRequest.newBuilder(URI.create(base + "/console/conversations?q=" + waId))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
            var matcher = ROW.matcher(list);
            while (matcher.find()) {
                conversationOf.put(matcher.group(2), matcher.group(1));
            }
        }
        if (!conversationOf.keySet().containsAll(customers)) {
            throw new IllegalStateException("the list does not show every customer: " + conversationOf.size());
        }

        var steps = Path.of(args[6]);
        step(steps, "prepared");
        var connected = new CountDownLatch(operators);
        var readers = Executors.newFixedThreadPool(operators, r -> {
            var t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < operators; i++) {
            readers.execute(() -> listen(http, base, cookie, connected));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every page connected");
        }
        step(steps, "connected");

        var sent = new AtomicInteger();
        var failed = new AtomicInteger();
        var sendTimes = new ConcurrentHashMap<String, List<Long>>();
        var scheduler = Executors.newScheduledThreadPool(4);
        long periodMicros = 1_000_000L / rate;
        var start = System.nanoTime();
        var task = scheduler.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            var waId = customers.get(n % customers.size());
            var conversation = conversationOf.get(waId);
            long at = System.nanoTime();
            sendTimes.computeIfAbsent(conversation, c -> Collections.synchronizedList(new ArrayList<>())).add(at);
            try {
                write(http, base, number, waId, "message " + n);
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L);
        task.cancel(false);
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);

        // Every page's events, matched to the sends: each event answers the sends of its
        // conversation made before it and not answered on that page yet.
        var all = new ArrayList<Long>();
        int missing = 0;
        for (var page : SEEN_EVENTS.values()) {
            var answered = new ConcurrentHashMap<String, Integer>();
            for (var event : page) {
                var sends = sendTimes.getOrDefault(event.conversation(), List.of());
                int from = answered.getOrDefault(event.conversation(), 0);
                int i = from;
                synchronized (sends) {
                    while (i < sends.size() && sends.get(i) <= event.at()) {
                        all.add(event.at() - sends.get(i));
                        i++;
                    }
                }
                answered.put(event.conversation(), i);
            }
            for (var entry : sendTimes.entrySet()) {
                missing += entry.getValue().size() - answered.getOrDefault(entry.getKey(), 0);
            }
        }
        Collections.sort(all);
        System.out.printf("pages %d, messages sent %d in %.1f s (%.1f/s), failed sends %d%n", operators, sent.get(),
                elapsed, sent.get() / elapsed, failed.get());
        System.out.printf("message to page: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d (message, page) pairs; "
                + "pairs never answered %d%n", ms(all, 0.50), ms(all, 0.99), ms(all, 1.0), all.size(), missing);
        System.exit(0);
    }

    record Event(String conversation, long at) {
    }

    private static final Map<Integer, List<Event>> SEEN_EVENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger PAGES = new AtomicInteger();

    /** Says the step is reached and waits for the script's go. */
    private static void step(Path directory, String name) throws IOException, InterruptedException {
        Files.writeString(directory.resolve(name + ".ready"), name + "\n");
        while (!Files.exists(directory.resolve(name + ".go"))) {
            Thread.sleep(200);
        }
    }

    private static void listen(HttpClient http, String base, String cookie, CountDownLatch connected) {
        int page = PAGES.getAndIncrement();
        var events = Collections.synchronizedList(new ArrayList<Event>());
        SEEN_EVENTS.put(page, events);
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(base + "/console/stream"))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream answered " + response.statusCode());
            }
            connected.countDown();
            var event = new String[] {""};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring("event:".length());
                } else if (line.startsWith("data:") && event[0].equals("conversations")) {
                    long at = System.nanoTime();
                    for (var id : line.substring("data:".length()).trim().split(" ")) {
                        events.add(new Event(id, at));
                    }
                } else if (line.isEmpty()) {
                    event[0] = "";
                }
            });
        } catch (IOException | InterruptedException e) {
            System.err.println("page " + page + ": " + e);
        }
    }

    private static void write(HttpClient http, String base, String number, String waId, String text)
            throws IOException, InterruptedException {
        var answer = post(http, base + "/sandbox/customers/" + waId + "/messages",
                "{\"to\":\"" + number + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}");
        if (answer != 201) {
            throw new IOException("write answered " + answer);
        }
    }

    private static int post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(index, 0)) / 1e6;
    }
}
