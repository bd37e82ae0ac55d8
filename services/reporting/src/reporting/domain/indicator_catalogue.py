"""The registry of published indicators: what each measures, where it comes from, what it evidences.

Every indicator the API serves has one entry here; the dashboard, the GNLC progress-report export and the
drill-down read their titles, definitions and building blocks from it. Building blocks are the six of the
UNESCO *Key Features of Learning Cities* (Beijing, 2013); the Vietnamese titles are our working
translation, not an official one.
"""

from dataclasses import dataclass
from enum import Enum


class BuildingBlock(Enum):
    """The six building blocks of the GNLC Key Features of Learning Cities, by their number."""

    INCLUSIVE_EDUCATION = (
        1,
        "Inclusive learning in the education system",
        "Học tập hòa nhập trong hệ thống giáo dục",
    )
    FAMILIES_AND_COMMUNITIES = (
        2,
        "Re-vitalised learning in families and communities",
        "Hồi sinh học tập trong gia đình và cộng đồng",
    )
    WORKPLACE = (3, "Effective learning for and in the workplace", "Học tập hiệu quả cho và tại nơi làm việc")
    LEARNING_TECHNOLOGIES = (
        4,
        "Extended use of modern learning technologies",
        "Mở rộng sử dụng công nghệ học tập hiện đại",
    )
    QUALITY = (5, "Enhanced quality in learning", "Nâng cao chất lượng học tập")
    CULTURE_OF_LEARNING = (
        6,
        "A vibrant culture of learning throughout life",
        "Văn hóa học tập sôi động suốt đời",
    )

    @property
    def number(self) -> int:
        """The block's number in the Key Features (1-6)."""
        return int(self.value[0])

    @property
    def title_en(self) -> str:
        """The block's English title as UNESCO words it."""
        return str(self.value[1])

    @property
    def title_vi(self) -> str:
        """The block's Vietnamese title (working translation)."""
        return str(self.value[2])


@dataclass(frozen=True)
class IndicatorDefinition:
    """One published indicator: its identity, meaning, evidence and where the API serves it."""

    id: str
    title_vi: str
    title_en: str
    definition: str
    building_block: BuildingBlock
    data_source: str
    api_path: str
    unit: str
    breakdowns: tuple[str, ...]
    """The values the API's `by` parameter takes."""


PARTICIPATION = IndicatorDefinition(
    id="sdg-4.3.1",
    title_vi="Tỷ lệ thanh niên và người lớn tham gia giáo dục, đào tạo chính quy và không chính quy "
    "trong 12 tháng qua (SDG 4.3.1)",
    title_en="Participation rate of youth and adults in formal and non-formal education and training "
    "in the previous 12 months (SDG 4.3.1)",
    definition="Learners of a UIS age group (15-24, 25-54, 55-64, 15-64) with at least one confirmed "
    "enrolment in the 12 months before the period end, per 100 of the population of that age group; by "
    "sex with the adjusted gender parity index, by age group and by locality. Counts below 5 are "
    "suppressed, with complementary suppression; the 12-month periods of consecutive snapshots overlap, so "
    "a count that would differ by 1 to 4 from the same cell in any published snapshot of an overlapping "
    "period is withheld too (with complementary suppression): two published values of a cell differ by 0 "
    "or by 5 or more.",
    building_block=BuildingBlock.INCLUSIVE_EDUCATION,
    data_source="Events enrolment.confirmed (topic enrolment.enrolments) and the learners' sex, age band "
    "and locality (topic enrolment.learners); denominators from the population file named in the figures",
    api_path="/v1/indicators/participation",
    unit="learners (count) and participants per 100 population (%)",
    breakdowns=("sex", "age_group", "locality"),
)
ENROLMENTS = IndicatorDefinition(
    id="enrolments",
    title_vi="Số lượt ghi danh, số lượt hoàn thành, tỷ lệ hoàn thành và hỗ trợ người học",
    title_en="Enrolments, completions, completion rate and learner support granted",
    definition="Enrolments that held a seat in the 12 months before the period end, those of them completed "
    "before it, completions per 100 enrolments, the share on online or distance offerings, and support "
    "benefits granted in the period (by support category and by locality); by sex, locality, "
    "ethnic-minority flag or support category (the learner's dimensions when they enrolled) or by the "
    "offering's course domain or delivery mode; programme=vocational_streaming restricts it to young people "
    "aged 15-18 in vocational training. Counts below 5 are suppressed, with complementary suppression, "
    "and the 'all' row is the same in every breakdown; a count that would differ by 1 to 4 from the same "
    "figure of a published snapshot of an overlapping period is withheld too.",
    building_block=BuildingBlock.INCLUSIVE_EDUCATION,
    data_source="Enrolment lifecycle events (confirmed, promoted, completed, withdrawn, dropped) and "
    "support.granted on topic enrolment.enrolments; offering domain, delivery mode and audience from "
    "topic content.offerings",
    api_path="/v1/indicators/enrolments",
    unit="enrolments (count), completion rate (%), benefits granted (count)",
    breakdowns=("sex", "locality", "ethnic_minority", "support_category", "domain", "delivery_mode"),
)
TEACHER_STANDARD = IndicatorDefinition(
    id="teacher-standard",
    title_vi="Chuẩn hóa trình độ đào tạo giáo viên theo lộ trình Nghị định 71/2020/NĐ-CP",
    title_en="Teachers brought up to the training standard (Decree 71/2020 roadmap)",
    definition="Per teaching level as of the period end: teachers holding a seat on an upgrading programme "
    "(an offering open only to teachers of the level below its standard) and not yet at the standard, "
    "teachers who reached it since 1 July 2020, each and both together as a share of the baseline of "
    "teachers below standard (a supplied file; the shipped one is illustrative and flagged so), next to "
    "the roadmap target in force (phase 1 to 31 Dec 2025: 60 % preschool, 50 % primary, 60 % lower "
    "secondary; phase 2 to 2030: 100 %). Counts below 5 suppressed; the counts are cumulative, so a count "
    "that would differ by 1 to 4 from the same cell of any published snapshot is withheld too.",
    building_block=BuildingBlock.QUALITY,
    data_source="teacher.standard_attained (topic enrolment.learners), enrolments (enrolment.enrolments), "
    "upgrading offerings (content.offerings); targets from data/teacher_roadmap.csv (Decree 71/2020); "
    "baseline from the file REPORTING_TEACHER_BASELINE_FILE names, else the ILLUSTRATIVE "
    "data/teacher_baseline_illustrative.csv when REPORTING_TEACHER_BASELINE_DATASET=illustrative",
    api_path="/v1/indicators/teacher-standard",
    unit="teachers (count), share of those below standard (%)",
    breakdowns=("level",),
)
CAMPAIGN_REACH = IndicatorDefinition(
    id="campaign-reach",
    title_vi="Phạm vi tiếp cận và hiệu quả chuyển đổi của chiến dịch truyền thông",
    title_en="Campaign reach and conversion into enrolments",
    definition="Campaign messages sent or failed in the 12 months before the period end: distinct "
    "recipients, deliveries sent and failed, and recipients who got a seat within N days (30 by default) "
    "of their first message; by locality, sex or support category. Delivered and opened are null until "
    "notifications announces them. Counts below 5 suppressed; a count that would differ by 1 to 4 from the "
    "same figure of a published snapshot of an overlapping period (any breakdown or conversion window) is "
    "withheld too.",
    building_block=BuildingBlock.CULTURE_OF_LEARNING,
    data_source="message.sent and message.failed of kind 'campaign' (topic notifications.messages), "
    "enrolments (enrolment.enrolments), learner dimensions (enrolment.learners)",
    api_path="/v1/indicators/campaign-reach",
    unit="learners and deliveries (count), conversion rate (%)",
    breakdowns=("locality", "sex", "support_category"),
)

CATALOGUE: tuple[IndicatorDefinition, ...] = (PARTICIPATION, ENROLMENTS, TEACHER_STANDARD, CAMPAIGN_REACH)
"""Every published indicator, in the order reports list them."""


def indicator(indicator_id: str) -> IndicatorDefinition | None:
    """The catalogued indicator with this id, or None."""
    return next((d for d in CATALOGUE if d.id == indicator_id), None)
