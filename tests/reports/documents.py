"""Summaries built by hand, as assembly would give them, for tests of what is laid over
them: they do not change when the way records are worded does."""

import datetime

from reports.document import Group, Item, Section, SummaryDocument

ETHICS_HEADING = "加强师德师风建设，营造尊师重教的良好氛围"
CARE_HEADING = "维护教职工权益，为广大教工办好事办实事"


def assembled(extra_items=(), without=()):
    """The year as assembly gives it: ``extra_items`` added to 师德, keys in ``without`` gone."""
    ethics = [
        Item(
            key="campaign:1",
            title="拒绝有偿补课",
            text="学校工会组织全体教师签订《拒绝有偿补课承诺书》。",
            sources=["campaign:1", "pledge:1"],
        ),
        Item(key="activity:2", title="师德大讨论", text="9月开展师德大讨论。", sources=["activity:2"]),
        Item(key="activity:3", text="组织教师学习《教师法》。", sources=["activity:3"]),
        *extra_items,
    ]
    care = [
        Item(
            key="care:visits",
            title="走访慰问",
            text="全年走访慰问教职工12人次。",
            group="welfare",
            sources=["visit:1", "visit:2"],
        ),
        Item(key="activity:5", title="拔河比赛", text="4月举行教工拔河比赛。", group="culture", sources=["activity:5"]),
    ]
    return SummaryDocument(
        title="2018年清溪区实验初级中学工会工作总结",
        school_name="清溪区实验初级中学",
        period_label="2018年",
        signed_on=datetime.date(2018, 12, 31),
        signature="清溪区实验初级中学工会",
        sections=[
            Section(
                key="ethics",
                heading=ETHICS_HEADING,
                intro="师德师风建设始终是学校工作的永恒主题。",
                items=[item for item in ethics if item.key not in without],
            ),
            Section(
                key="care",
                heading=CARE_HEADING,
                intro="学校工会关心教职工的工作和生活。",
                items=[item for item in care if item.key not in without],
                groups=[Group("welfare", "做好节日慰问工作"), Group("culture", "丰富教职工文体生活")],
            ),
        ],
    )
