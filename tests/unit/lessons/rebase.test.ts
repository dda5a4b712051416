/**
 * Start states built at one time and moved to another (what the site's build and a reader's
 * worker do) must be exactly the start states built at that other time.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../../../src/lessons/files.ts";
import { LessonEngine } from "../../../src/runtime/lessons/index.ts";
import { rebaseSnapshot, shiftUtcTimes } from "../../../src/runtime/lessons/rebase.ts";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";

const course = loadCourse(fileURLToPath(new URL("../../../", import.meta.url)));
const engineAt = (iso: string) => new LessonEngine(course.lessons, { newClock: () => VirtualClock.fromIso(iso) });

describe("moving UTC times", () => {
  it("shifts every time in a text by whole seconds, across minutes, days, months and years, keeping fractions", () => {
    const line = '[2018-06-18T13:22:58.317Z] "GET /" 2018-06-18T13:22:58.317448Z {"time":"2018-12-31T23:59:59Z"}';
    expect(shiftUtcTimes(line, 2)).toBe('[2018-06-18T13:23:00.317Z] "GET /" 2018-06-18T13:23:00.317448Z {"time":"2019-01-01T00:00:01Z"}');
    expect(shiftUtcTimes(line, -86_400 * 365)).toBe('[2017-06-18T13:22:58.317Z] "GET /" 2017-06-18T13:22:58.317448Z {"time":"2017-12-31T23:59:59Z"}');
    expect(shiftUtcTimes("no time here: 2018-06-18 13:22", 60)).toBe("no time here: 2018-06-18 13:22");
  });
});

describe("a lesson's start state moved in time", () => {
  // Far apart (the build and a reader years later), across a month end, not a whole day.
  const built = engineAt("2018-06-18T13:00:00Z");
  const later = engineAt("2026-11-30T23:59:30Z");
  const delta = (Date.parse("2026-11-30T23:59:30Z") - Date.parse("2018-06-18T13:00:00Z")) * 1000;

  for (const lesson of course.lessons) {
    it(`${lesson.id}: equals the start state built at the later time`, async () => {
      const moved = rebaseSnapshot(await built.buildStartState(lesson.id), (await built.buildStartState(lesson.id)).clockMicros + delta);
      const fresh = await later.buildStartState(lesson.id);
      expect(moved).toEqual({ ...fresh, virtualClock: false });
    }, 60_000);
  }

  it("restores on the wall clock, and leaves the snapshot it was given unchanged", async () => {
    const start = await built.buildStartState(course.lessons[0].id);
    const copy = structuredClone(start);
    const moved = rebaseSnapshot(start, start.clockMicros + delta);
    expect(start).toEqual(copy);
    expect(moved.virtualClock).toBe(false);
    const sb = Sandbox.restore(moved, VirtualClock.fromIso("2026-11-30T23:59:31Z"));
    expect((await sb.run("kubectl get pods -n istio-system")).stdout).toMatch(/istio-pilot-\S+ +2\/2 +Running +0 +12m/);
  });
});

describe("restoring a lesson's start or end state", () => {
  const engine = new LessonEngine(course.lessons, { newClock: () => VirtualClock.fromIso("2018-06-18T13:00:00Z") });

  for (const lesson of course.lessons) {
    it(`${lesson.id}: takes the cluster as settled (a full resync after the restore changes nothing)`, async () => {
      for (const snapshot of [await engine.buildStartState(lesson.id), await engine.endState(lesson.id)]) {
        const sb = Sandbox.restore(snapshot, VirtualClock.fromIso("2018-06-18T14:00:00Z"));
        // Containers' shells are made on first use; until then the snapshot keeps their states as they were.
        expect((await sb.snapshot()).containers).toEqual(snapshot.containers);
        const adopted = (await sb.snapshot()).store;
        (sb as unknown as { controller: { resync(): void } }).controller.resync();
        expect((await sb.snapshot()).store).toEqual(adopted);
      }
    }, 60_000);
  }
});

describe("a restored cluster's controller", () => {
  it("remembers the Services' cluster IPs: re-applying a manifest without one keeps the IP", async () => {
    const engine = new LessonEngine(course.lessons, { newClock: () => VirtualClock.fromIso("2018-06-18T13:00:00Z") });
    const sb = Sandbox.restore(await engine.buildStartState(course.lessons[0].id), VirtualClock.fromIso("2018-06-18T14:00:00Z"));
    const ip = (await sb.run("kubectl get svc sleep -o jsonpath='{.spec.clusterIP}'")).stdout;
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    await sb.run("kubectl get svc sleep -o json | jq 'del(.spec.clusterIP) | del(.metadata.resourceVersion)' > /tmp/sleep-svc.json");
    expect((await sb.run("kubectl replace -f /tmp/sleep-svc.json")).stdout).toBe('service "sleep" replaced\n');
    expect((await sb.run("kubectl get svc sleep -o jsonpath='{.spec.clusterIP}'")).stdout).toBe(ip);
  });
});
