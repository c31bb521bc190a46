"""WeChat channels in Chinese ticketing exports (a colleague's probe): 微信公众号, 公众号 and 企业微信 fell to the channel
"other" with a notice. SPEC §2 and the glossary have no WeChat channel; the portal's vocabulary (portal.vocab) has
social media (社交媒体), where the value tables already suggest 微信, Weibo, Douyin and the messengers (WhatsApp,
Messenger): a WeChat official account or a WeCom conversation is suggested as social media, the file's text kept
beside (a suggestion the value table shows and the user may change). A mini program is the glossary's app
(应用/小程序)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline, registry, values
from tests.test_ingest_complaints import ADMIN, NOW, do_import

KIND = registry.kind("complaints")
CHANNEL = KIND.field("channel")


@pytest.mark.parametrize(
    ("value", "standard"),
    [
        ("微信公众号", "social_media"),
        ("公众号", "social_media"),
        ("企业微信", "social_media"),
        ("WeCom", "social_media"),
        ("微信客服", "social_media"),
    ],
)
def test_wechat_channels_are_suggested_as_the_vocabularys_channel(value, standard):
    assert values.suggest_value(CHANNEL, value) == standard


def test_an_export_of_wechat_channels_counts_them_under_social_media_and_keeps_their_text(con):
    data = (
        "工单号,受理时间,渠道,门店编码\n"
        "X-1,2026-03-01 09:30,微信公众号,S001\n"
        "X-2,2026-03-01 10:00,企业微信,S001\n"
        "X-3,2026-03-01 11:00,公众号,S001\n"
        "X-4,2026-03-01 12:00,小程序,S001\n"
    ).encode()
    raw = pipeline.read_upload(data, "wechat.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    keys = [k for k, _ in prepared.notices]
    assert "ingest.notice.values_other" not in keys
    [said] = [v for k, v in prepared.notices if k == "ingest.notice.values_suggested"]
    assert t("ingest.notice.values_suggested", "en", **said) == (
        "渠道: 3 rows carry values mapped by suggestion: 微信公众号 (1) → Social media, 企业微信 (1) → Social media, "
        "公众号 (1) → Social media. Change them in the value table if wrong."
    )
    do_import(con, data)
    assert con.execute("select source_id, channel, channel_raw from complaints order by 1").fetchall() == [
        ("X-1", "social_media", "微信公众号"),
        ("X-2", "social_media", "企业微信"),
        ("X-3", "social_media", "公众号"),
        ("X-4", "app", "小程序"),
    ]
