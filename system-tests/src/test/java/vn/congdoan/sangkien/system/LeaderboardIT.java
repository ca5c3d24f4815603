package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * The leaderboard page and its widget in a real browser: Debian's headless Chromium driven through its chromedriver,
 * both named by path so that nothing is downloaded, against the whole system started from its jars. A screenshot of
 * each view is saved under {@code target/leaderboard/}. On a machine without the two packages every test is skipped,
 * saying so.
 */
class LeaderboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("leaderboard.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("leaderboard.chromedriver", "/usr/bin/chromedriver"));
    private static final boolean BROWSER_INSTALLED =
            Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String NO_BROWSER = "the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
            + " (Debian: apt-get install chromium chromium-driver), which are not installed on this machine";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Nghệ An: its grassroots union submits the initiatives of these tests. */
    private static final String NGHE_AN = "40";
    private static final String REGION = "Bắc Trung Bộ";
    private static final String CLUSTER = "Cụm thi đua Bắc Trung Bộ và Ninh Bình";

    private static SystemUnderTest system;
    private static WebDriver browser;
    private static Path screenshots;
    private static String member;
    private static Population.Unit unit;

    @BeforeAll
    static void start() throws Exception {
        if (!BROWSER_INSTALLED) {
            System.out.printf("%n[LeaderboardIT] SKIPPED: %s%n%n", NO_BROWSER);
            return;
        }
        Path dir = Dirs.fresh("leaderboard");
        screenshots = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "leaderboard"));
        system = SystemUnderTest.start(dir);
        // Nghệ An, and a few provinces more, so that the screenshots show standings that differ
        List<Population.Unit> units = Population.create(system, "LB", List.of(NGHE_AN, "38", "42", "37", "01"));
        unit = units.get(0);
        member = Api.bearer("lb-m-1", unit.id().toString(), "MEMBER");
        for (int u = 1; u < units.size(); u++) {
            for (int i = 0; i < 2 * u; i++) {
                String author = "lb-" + units.get(u).provinceCode() + "-" + i % 3;
                submit(units.get(u), Api.bearer(author, units.get(u).id().toString(), "MEMBER"), author);
            }
        }
        browser = chromium(dir.resolve("chromium-profile"));
    }

    /** Each test is reported as skipped, with the reason, where the browser is missing. */
    @BeforeEach
    void browserInstalled() {
        assumeTrue(BROWSER_INSTALLED, NO_BROWSER);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void thePageShowsTheSixtyThreeProvincesWithTheProgrammesProgressLive() throws Exception {
        open("/");

        waitFor(() -> rows().size() == 63, "63 provinces in the national table");
        waitFor(() -> "live".equals(browser.findElement(By.id("freshness")).getDomAttribute("data-mode")),
                "the page follows the stream");
        assertThat(browser.findElement(By.id("freshness")).getText()).startsWith("Trực tiếp");
        assertThat(browser.findElement(By.id("target")).getText()).isEqualTo("1.000.000");
        assertThat(text("#content h2")).isEqualTo("Toàn quốc · xếp theo lượt nộp sáng kiến");
        assertThat(rows().get(0).findElement(By.cssSelector("td.rank")).getText()).isEqualTo("1");
        screenshot("national");

        browser.manage().window().setSize(new Dimension(390, 844));
        waitFor(() -> !browser.findElement(By.cssSelector("th.wide")).isDisplayed(), "the phone layout");
        screenshot("phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void aSubmissionMadeThroughTheApiAppearsOnTheOpenPageWithinTwoSeconds() throws Exception {
        open("/");
        waitFor(() -> rows().size() == 63, "the national table");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        // the first submission after start-up warms the way from submission-service to the page
        long before = submissionsOfNgheAn();
        submit();
        waitFor(() -> submissionsOfNgheAn() == before + 1, "the first submission on the page");

        // the page notes the moment it shows the count, so that the test's own polling does not count
        ((JavascriptExecutor) browser).executeScript("""
                const expected = arguments[0];
                new MutationObserver((changes, observer) => {
                  const cell = document.querySelector("tr[data-code='40'] td.num");
                  if (cell && cell.textContent.replace(/\\./g, '') === expected) {
                    window.shownAt = Date.now();
                    observer.disconnect();
                  }
                }).observe(document.getElementById('content'), { childList: true, subtree: true });""",
                Long.toString(before + 2));
        submit();
        long submitted = System.currentTimeMillis();
        waitFor(() -> submissionsOfNgheAn() == before + 2, "the second submission on the page");
        Duration took = Duration.ofMillis(
                ((Number) ((JavascriptExecutor) browser).executeScript("return window.shownAt")).longValue()
                        - submitted);
        System.out.printf("[LeaderboardIT] a submission reached the open page %d ms after its 201%n",
                took.toMillis());

        assertThat(took).as("from the 201 to the page").isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded")).isEqualTo(true);
        assertThat(browser.findElement(By.id("freshness")).getDomAttribute("data-mode")).isEqualTo("live");
    }

    @Test
    void switchingToARegionAndToAnEmulationClusterShowsTheirProvinces() throws Exception {
        open("/");
        waitFor(() -> rows().size() == 63, "the national table");

        new Select(browser.findElement(By.id("region"))).selectByVisibleText(REGION);
        waitFor(() -> rows().size() == 6, "the six provinces of " + REGION);
        assertThat(names()).containsExactlyInAnyOrder("Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị",
                "Thừa Thiên Huế");
        assertThat(text("#content h2")).startsWith("Khu vực " + REGION);
        assertThat(browser.getCurrentUrl()).endsWith("#khu-vuc=REGION-BAC-TRUNG-BO");
        screenshot("region");

        new Select(browser.findElement(By.id("cluster"))).selectByVisibleText(CLUSTER);
        waitFor(() -> rows().size() == 7, "the seven provinces of the cluster");
        assertThat(names()).contains("Ninh Bình");
        screenshot("cluster");

        new Select(browser.findElement(By.id("sort"))).selectByValue("movementSinceLastWeek");
        waitFor(() -> text("#content h2").endsWith("tăng hạng nhiều nhất (tuần)"), "the climbers");
        assertThat(browser.findElement(By.cssSelector("th.sorted")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
    }

    @Test
    void theProvincePageShowsItsFiguresAndDrawsItsChart() throws Exception {
        submit();
        open("/");
        waitFor(() -> rows().size() == 63, "the national table");

        // by keyboard: the province's link takes focus and Enter follows it; the table is drawn anew whenever the
        // standings change (the submission above may arrive now), so a link replaced meanwhile is found again
        waitFor(() -> {
            browser.findElement(By.cssSelector("tr[data-code='" + NGHE_AN + "'] a")).sendKeys(Keys.ENTER);
            return true;
        }, "Nghệ An's link followed by keyboard");

        waitFor(() -> text("#content h2").equals("Liên đoàn Lao động tỉnh Nghệ An"), "Nghệ An's page");
        waitFor(() -> !browser.findElements(By.cssSelector("#chart canvas")).isEmpty(), "the chart");
        // the last 90 days from the province's daily history, today's from its live row
        waitFor(() -> "90".equals(browser.findElement(By.id("chart")).getDomAttribute("data-points")),
                "ninety days on the chart");
        WebElement canvas = browser.findElement(By.cssSelector("#chart canvas"));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(200);
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        assertThat(text(".cards")).contains("Lượt nộp sáng kiến", "Chỉ tiêu giai đoạn", "3.000");
        browser.manage().window().setSize(new Dimension(1280, 1300));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("province");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void conferenceModeShowsTheStandingsInLargeType() throws Exception {
        open("/#hoi-nghi=1");

        waitFor(() -> browser.findElement(By.tagName("body")).getDomAttribute("class").contains("conference"),
                "conference mode");
        // a screenful at a time: what fits under the header in this window
        long fit = (Long) ((JavascriptExecutor) browser)
                .executeScript("return Math.max(5, Math.floor((window.innerHeight - 330) / 50))");
        waitFor(() -> rows().size() == fit, "the first screenful of provinces");
        assertThat(text("#content h2")).endsWith("(hạng 1–" + fit + ")");
        assertThat(browser.findElement(By.cssSelector("nav.controls")).isDisplayed()).isFalse();
        screenshot("conference");
    }

    @Test
    void theWidgetShowsAClustersTableWithTheProvincesOwnRowMarkedAndMayBeFramed() throws Exception {
        String path = "/widget?cluster=CLUSTER-BAC-TRUNG-BO-NINH-BINH&province=" + NGHE_AN;
        Api.Reply reply = Api.get(system.url(Service.RANKING) + path + "&script=false", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<meta http-equiv=\"refresh\" content=\"60\">").doesNotContain("<script");

        browser.manage().window().setSize(new Dimension(560, 420));
        open(path);

        waitFor(() -> rows().size() == 7, "the cluster's seven provinces");
        assertThat(browser.findElement(By.cssSelector("tr.own th")).getText()).isEqualTo("Nghệ An");
        screenshot("widget");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private static ChromeDriver chromium(Path profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // without the background-networking flags Chromium keeps calling home, which a closed network refuses
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // a page nobody looks at is still a dashboard: no throttled timers or rendering
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(profile),
                "--window-size=1280,900", "--lang=vi-VN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void open(String path) {
        browser.get(system.url(Service.RANKING) + path);
    }

    /** An initiative of Nghệ An's member. */
    private static void submit() throws Exception {
        submit(unit, member, "lb-m-1");
    }

    private static void submit(Population.Unit through, String token, String author) throws Exception {
        Api.Reply created = Api.postJson(system.url(Service.SUBMISSION) + "/api/v1/initiatives", token, Map.of(
                "programmeCode", "1-trieu-sang-kien", "title", "Tự động hóa khâu đóng gói",
                "problem", "Đóng gói thủ công chậm", "solution", "Băng chuyền và cân tự động",
                "expectedBenefit", "Tăng năng suất 20 %", "field", "PRODUCTION_TECHNICAL",
                "unitId", through.id().toString(), "submit", true,
                "authors", List.of(Map.of("memberId", author, "displayName", "Trần Thị Mai"))), Map.of());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    /** Nghệ An's submissions as the national table shows them, read back from their Vietnamese form (1.234). */
    private static long submissionsOfNgheAn() {
        String shown = browser.findElement(By.cssSelector("tr[data-code='" + NGHE_AN + "'] td.num")).getText();
        return Long.parseLong(shown.replace(".", ""));
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("table tbody tr"));
    }

    private static List<String> names() {
        return rows().stream().map(r -> r.findElement(By.cssSelector("th")).getText()).toList();
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for what the page should come to show; a page still rendering is asked again. */
    private static void waitFor(Condition condition, String what) {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(50)).withMessage(what).until(driver -> {
            try {
                return condition.holds();
            } catch (Exception | AssertionError stillRendering) {
                return false;
            }
        });
    }

    private static void screenshot(String view) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(view + ".png"), png);
    }
}
