#!/usr/bin/env python3
"""Writes the SYNTHETIC pilot exports in examples/pilot-measurements/ (see the README there).

Nothing here was measured: a made-up pilot of the repository's `pilot` stack (1 x c7i.large app node, 1 x db.r7g.large,
us-east-1) with 520 registered users, exported in the real formats of the AWS CLI, Prometheus, Mattermost and the
load-test coordinator. The usage is modelled so that the app needs about 1.3x and the database about 1.1x the vCPU of
Mattermost's reference curve, as `project` then measures. Deterministic: run it again and the files are the same.

    python3 examples/pilot-measurements/generator/make_samples.py
"""
import json
import math
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
START = datetime(2027, 1, 10, tzinfo=timezone.utc)   # a Sunday
DAYS = 15                                            # 2027-01-10 .. 2027-01-24 (the window ends 2027-01-25T00:00Z)
PERIOD = 300
STEPS = DAYS * 24 * 3600 // PERIOD
ASG = "appAutoScalingGroup-3f9c2e1"
DB = "databasewriter-5b81d0c"
LB = "app/loadBalancer-8d2a47f/6c0e9b1d2a3f4e5b"
rng = random.Random(20270110)

# The reference curve's first segment (mattermost-sizing.md Table 1, the 200-user tier): 1 x c7i.large and 1 x db.r7g.large.
def curve(users):
    return users * 2 / 200 if users <= 200 else 2 + (users - 200) * 2 / 1800

# Weekday peaks of concurrent users; weekends stay low (their CPU is under 15 %, so those days are left out).
PEAKS = {11: 118, 12: 121, 13: 116, 14: 119, 15: 110, 18: 117, 19: 125, 20: 120, 21: 122, 22: 108}
APP_DAY = {d: 1.30 + rng.uniform(-0.08, 0.07) for d in range(10, 25)}   # this customer's app vCPU per user, x the reference
DB_DAY = {d: 1.10 + rng.uniform(-0.06, 0.05) for d in range(10, 25)}

def users_at(t):
    peak = PEAKS.get(t.day, 24)
    hour = t.hour + t.minute / 60
    bell = math.exp(-((hour - 14.1) / 3.4) ** 2)
    return max(2.0, 4 + (peak - 4) * bell * (1 + rng.uniform(-0.015, 0.015)))

times, users, app_cpu, db_cpu, db_conn, requests, errors = [], [], [], [], [], [], []
for k in range(STEPS):
    t = START + timedelta(seconds=k * PERIOD)
    u = round(users_at(t))
    app_used = 0.025 + APP_DAY[t.day] * 0.85 * curve(u) * (1 + rng.uniform(-0.02, 0.02))
    db_used = 0.03 + DB_DAY[t.day] * 0.85 * curve(u) * (1 + rng.uniform(-0.02, 0.02))
    times.append(t)
    users.append(u)
    app_cpu.append(round(app_used / 2 * 100, 2))
    db_cpu.append(round(db_used / 2 * 100, 2))
    db_conn.append(float(round(38 + u / 3 + rng.uniform(0, 4))))
    requests.append(float(round(u * 11.5 * (1 + rng.uniform(-0.05, 0.05)))))
    errors.append(float(1 if rng.random() < 0.01 else 0))

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")   # as the AWS CLI prints botocore's datetimes

SERIES = [
    ("app0_cpu", f"AutoScalingGroupName={ASG}", app_cpu),
    ("app0_samples", f"AutoScalingGroupName={ASG}", [5.0] * STEPS),   # one node, one datapoint a minute (detailed monitoring)
    ("db0_cpu", f"DBInstanceIdentifier={DB}", db_cpu),
    ("db0_connections", f"DBInstanceIdentifier={DB}", db_conn),
    ("lb_requests", f"LoadBalancer={LB}", requests),
    ("lb_errors", f"LoadBalancer={LB}", errors),
]

def page(lo, hi, last):
    return [{"Id": i, "Label": label, "Timestamps": [iso(t) for t in times[lo:hi]], "Values": values[lo:hi],
             "StatusCode": "Complete" if last else "PartialData"} for i, label, values in SERIES]

week = 7 * 24 * 3600 // PERIOD
middle = week + 3 * 24 * 3600 // PERIOD
# First week: what the AWS CLI writes when it paginates by itself (--page-size 6000): the pages' MetricDataResults one
# after the other, so each Id appears twice, PartialData then Complete.
with open(os.path.join(OUT, "pilot-cloudwatch-week1.json"), "w") as f:
    json.dump({"MetricDataResults": page(0, week // 2, False) + page(week // 2, week, True), "Messages": []}, f)
    f.write("\n")
# The rest: two pages fetched with --no-paginate and --next-token, appended to one file.
with open(os.path.join(OUT, "pilot-cloudwatch-week2.json"), "w") as f:
    json.dump({"MetricDataResults": page(week, middle, False), "NextToken": "QUFBQkJCQ0NDREREZmFrZXRva2Vu", "Messages": []}, f)
    f.write("\n")
    json.dump({"MetricDataResults": page(middle, STEPS, True), "Messages": []}, f)
    f.write("\n")

def prom(name, values):
    return {"status": "success", "data": {"resultType": "matrix", "result": [{
        "metric": {"__name__": name, "instance": "10.10.21.47:8067", "job": "mattermost"},
        "values": [[int(t.timestamp()), v] for t, v in zip(times, values)]}]}}

with open(os.path.join(OUT, "pilot-websockets.json"), "w") as f:
    json.dump(prom("mattermost_http_websockets_total", [str(u) for u in users]), f)
    f.write("\n")
cpu_seconds, counter = [], 51234.5
for c in app_cpu:
    counter += c / 100 * 2 * 0.93 * PERIOD    # the Mattermost process is most of the node's CPU
    cpu_seconds.append(f"{counter:.2f}")
with open(os.path.join(OUT, "pilot-process-cpu.json"), "w") as f:
    json.dump(prom("mattermost_process_cpu_seconds_total", cpu_seconds), f)
    f.write("\n")

analytics = [{"name": n, "value": v} for n, v in [
    ("channel_open_count", 64), ("channel_private_count", 31), ("post_count", 48211), ("unique_user_count", 520),
    ("team_count", 4), ("total_websocket_connections", 14), ("total_master_db_connections", 41), ("total_read_db_connections", 0),
    ("daily_active_users", 311), ("monthly_active_users", 497), ("inactive_user_count", 6)]]
with open(os.path.join(OUT, "pilot-analytics.json"), "w") as f:
    json.dump(analytics, f, indent=1)
    f.write("\n")

outputs = {
    "capacitySignals": {"appAutoScalingGroups": [ASG], "appInstanceType": "c7i.large", "appNodes": 1, "appTier": "vm",
                        "dashboardName": "mattermost-pilot-capacity", "databaseClusterIdentifier": "mattermost-pilot",
                        "databaseInstanceClass": "db.r7g.large", "databaseInstances": [DB], "loadBalancer": LB,
                        "region": "us-east-1", "stack": "pilot"},
    "dashboardName": "mattermost-pilot-capacity",
    "databaseCredentialsSecretArn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!cluster-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf",
    "databaseEndpoint": "mattermost-pilot.cluster-c9akciq32xyz.us-east-1.rds.amazonaws.com",
    "filesBucketName": "mattermost-pilot-files-20270104093112345600000001",
    "loadBalancerDnsName": "loadBalancer-8d2a47f-1234567890.us-east-1.elb.amazonaws.com",
    "siteUrl": "https://chat-pilot.example.com",
}
with open(os.path.join(OUT, "pilot-outputs.json"), "w") as f:
    json.dump(outputs, f, indent=4)
    f.write("\n")

# The load test, the evening after the window: the coordinator settled at 154 users on the one c7i.large.
run_start = datetime(2027, 1, 25, 18, 0, 4, tzinfo=timezone.utc)
run_stop = datetime(2027, 1, 25, 20, 41, 37, tzinfo=timezone.utc)
status = {"id": "pilot-lt-coordinator-0", "status": {
    "State": "done", "StartTime": run_start.strftime("%Y-%m-%dT%H:%M:%SZ"), "StopTime": run_stop.strftime("%Y-%m-%dT%H:%M:%SZ"),
    "ActiveUsers": 154, "NumErrors": 212, "SupportedUsers": 154, "ActiveBrowserUsers": 0, "NumBrowserErrors": 0}}
with open(os.path.join(OUT, "pilot-loadtest-status.json"), "w") as f:
    json.dump(status, f, indent=2)
    f.write("\n")
steady_start = datetime(2027, 1, 25, 19, 55, 0, tzinfo=timezone.utc)
steady = [steady_start + timedelta(seconds=60 * i) for i in range(46)]
report = {
    "Label": "{instance=~\"app.*\"}",
    "StartTime": "2027-01-25T19:55:00Z",
    "EndTime": "2027-01-25T20:40:00Z",
    "AvgStoreTimes": {"PostStore.GetPostsSince": "0.0061", "ChannelStore.GetChannels": "0.0043", "UserStore.Get": "0.0009"},
    "P99StoreTimes": {"PostStore.GetPostsSince": "0.0412", "ChannelStore.GetChannels": "0.0277", "UserStore.Get": "0.0051"},
    "AvgAPITimes": {"getPostsForChannel": "0.0534", "createPost": "0.0718", "getChannelMembersForUser": "0.0311"},
    "P99APITimes": {"getPostsForChannel": "0.3120", "createPost": "0.4410", "getChannelMembersForUser": "0.2011"},
    "Graphs": [
        {"Name": "CPU Utilization", "Values": [[int(t.timestamp()), f"{84.5 + rng.uniform(-2.5, 1.5):.2f}"] for t in steady]},
        {"Name": "RPS", "Values": [[int(t.timestamp()), f"{154 * 0.31 * (1 + rng.uniform(-0.05, 0.05)):.2f}"] for t in steady]},
    ],
}
with open(os.path.join(OUT, "pilot-loadtest-report.json"), "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
