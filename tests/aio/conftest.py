"""Async clients pointed at a private simulator whose clock the test drives."""

from __future__ import annotations

from growattServer.engine import EngineOptions, RetryPolicy

DEMO_USER_ID = "3021745"
PLANT_A = "1427391"  # inverter NTCMA2B04Q, mix WPD3C1A0K7
PLANT_B = "1427392"  # tlx BZP0C4N08J, storage DWB1CHB0AZ
INVERTER, MIX, TLX, STORAGE = "NTCMA2B04Q", "WPD3C1A0K7", "BZP0C4N08J", "DWB1CHB0AZ"

#: Tests wait milliseconds, not seconds, between retries; v1 pacing off unless asked for.
FAST = EngineOptions(
    retry=RetryPolicy(retries=2, base_s=0.001, cap_s=0.002), v1_default_window_s=0, v1_windows={}
)
