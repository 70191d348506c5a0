"""How the trace says what happened: event kinds and record kinds in both languages. Free of Django; kinds not
named here are shown as sent."""

from __future__ import annotations

from wirecontract.errors import Text

ENTITY = {
    "worker": Text("人员登记", "registration"),
    "credential": Text("上门服务证", "credential"),
    "training": Text("培训", "training"),
    "health_check": Text("健康体检", "health check"),
    "insurance": Text("保险", "insurance"),
    "contract": Text("服务合同", "service contract"),
    "evaluation": Text("服务评价", "evaluation"),
    "evaluation_slip": Text("评价单", "evaluation slip"),
    "complaint": Text("投诉", "complaint"),
    "credit": Text("诚信记录", "integrity record"),
    "agency": Text("机构登记资料", "agency registration data"),
}

KIND = {
    "worker.registered": Text("登记（读取身份证）", "registered (ID card read)"),
    "worker.updated": Text("登记信息更新", "registration data updated"),
    "worker.released": Text("离职/转出", "released (left or transferred)"),
    "credential.applied": Text("申请证件", "credential applied for"),
    "credential.approved": Text("证件审核通过", "credential approved"),
    "credential.printed": Text("证件已打印", "credential printed"),
    "credential.issued": Text("证件已发放", "credential issued"),
    "credential.suspended": Text("证件暂停", "credential suspended"),
    "credential.revoked": Text("证件吊销", "credential revoked"),
    "credential.expired": Text("证件过期", "credential expired"),
    "credential.returned": Text("证件退回", "credential returned"),
    "credential.reissued": Text("证件补发", "credential reissued"),
    "training.result": Text("培训结果", "training result"),
    "training.tap_in": Text("培训签到", "training check-in"),
    "training.tap_out": Text("培训签退", "training check-out"),
    "health_check.recorded": Text("体检记录", "health check recorded"),
    "insurance.recorded": Text("保险记录", "insurance recorded"),
    "contract.signed": Text("签订服务合同", "service contract signed"),
    "evaluation.recorded": Text("服务评价", "evaluation recorded"),
    "complaint.registered": Text("投诉登记", "complaint registered"),
    "complaint.resolved": Text("投诉已处理", "complaint resolved"),
    "credit.recorded": Text("诚信记录", "integrity record"),
}

STATE = {
    "applied": Text("已申请", "applied"), "approved": Text("已审核", "approved"), "printed": Text("已打印", "printed"),
    "issued": Text("已发放", "issued"), "valid": Text("有效", "valid"), "suspended": Text("暂停", "suspended"),
    "revoked": Text("吊销", "revoked"), "expired": Text("过期", "expired"), "returned": Text("退回", "returned"),
    "clear": Text("无异常", "clear"), "adverse": Text("有不良记录", "adverse"), "pending": Text("核查中", "pending"),
    "open": Text("处理中", "open"), "resolved": Text("已处理", "resolved"),
    "positive": Text("良好", "positive"), "negative": Text("不良", "negative"),
}

# Payload fields never shown on the trace: too large, or shown elsewhere on the page.
HIDDEN_FIELDS = frozenset({"photo", "card_read", "identity", "worker_uid", "scans", "attachments"})


def entity_text(entity: str) -> Text:
    return ENTITY.get(entity, Text(entity, entity))


def kind_text(kind: str) -> Text:
    if kind in KIND:
        return KIND[kind]
    entity, _, step = kind.partition(".")
    base = entity_text(entity)
    return Text(f"{base.zh}：{step}", f"{base.en}: {step}") if step else base


def state_text(state: str) -> Text:
    return STATE.get(state, Text(state, state))

FIELD = {
    "state": Text("状态", "state"), "status": Text("状态", "status"), "result": Text("结果", "result"),
    "version": Text("版本", "version"), "credential_no": Text("证号", "credential no."),
    "valid_from": Text("有效期起", "valid from"), "valid_to": Text("有效期至", "valid to"),
    "reason": Text("理由", "reason"), "summary": Text("摘要", "summary"), "phone": Text("电话", "phone"),
    "service_types": Text("服务类别", "service types"), "registered_at": Text("登记时间", "registered at"),
    "passed": Text("是否合格", "passed"), "score": Text("分数", "score"), "course": Text("课程", "course"),
    "insurer": Text("保险公司", "insurer"), "policy_no": Text("保单号", "policy no."),
    "rating": Text("评分", "rating"), "released_at": Text("离职时间", "released at"),
    "resolution": Text("处理结果", "resolution"), "kind": Text("类别", "kind"),
    "sex": Text("性别", "sex"), "ethnicity": Text("民族", "ethnicity"), "birth_date": Text("出生日期", "date of birth"),
    "address": Text("住址", "address"), "issuer": Text("签发机关", "issuing authority"),
    "valid_period": Text("有效期限", "valid period"), "service": Text("服务项目", "service"),
    "customer": Text("客户", "customer"), "signed_at": Text("签订时间", "signed at"),
    "hospital": Text("体检机构", "examined at"), "comment": Text("评语", "comment"),
    "legal_representative": Text("法定代表人", "legal representative"), "licence_no": Text("营业执照号", "licence no."),
    "founded": Text("成立日期", "founded"), "name": Text("名称", "name"), "licence": Text("营业执照", "business licence"),
    "lease": Text("场地租赁合同", "lease"), "integrity_commitment": Text("诚信承诺书", "integrity commitment letter"),
    "qualification": Text("资质证明", "qualification"), "reason_code": Text("原因代码", "reason code"),
    "credit_code": Text("统一社会信用代码", "credit code"), "licence_kind": Text("证照类型", "licence kind"),
    "lease_until": Text("租赁期至", "lease until"), "commitment_signed_on": Text("诚信承诺书签署日期", "commitment signed on"),
    "qualifications": Text("资质证书", "qualifications"), "commitment": Text("诚信承诺书", "integrity commitment letter"),
    "number": Text("编号", "number"), "category": Text("类别", "category"), "scan_sha256": Text("扫描件", "scan"),
}


def field_text(name: str) -> Text:
    return FIELD.get(name, Text(name, name))
