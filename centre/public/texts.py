"""The consumer pages' words (one language at a time; centre/public/lang.py picks it)."""

from __future__ import annotations

PAGES: dict[str, dict[str, str]] = {
    "zh": {
        "eval_title": "服务评价", "worker": "服务人员", "agency": "服务机构", "service": "服务类型", "period": "服务期间",
        "comment": "评价内容（可选，最多 300 字）", "submit": "提交评价", "change": "修改评价", "thanks": "谢谢！评价已保存。",
        "changed": "评价已修改。", "change_until": "7 天内可在本手机上修改，截止", "already": "该服务合同已经评价过。",
        "code_title": "输入评价码", "code": "评价单上的评价码", "open": "打开", "complain": "投诉", "switch": "English",
        "too_many": "操作过于频繁，请 {seconds} 秒后再试。", "to": "至", "score_hint": "1 分最差，5 分最好",
        "c_title": "投诉", "c_what": "发生了什么", "c_when": "发生时间", "c_phone": "联系电话", "c_photos": "照片（可选，最多 3 张，JPEG/PNG，每张不超过 5 MB，合计不超过 6 MB）",
        "c_submit": "提交投诉", "c_ref": "投诉已受理，受理编号：", "c_keep": "请保存编号，可凭编号查询处理进度。",
        "c_look": "查询投诉", "c_state": "处理状态", "c_unavailable": "投诉受理暂不可用，请拨打机构电话或 12345。",
        "c_credential": "证件编号", "c_private": "照片和联系电话只有中心和机构的工作人员能看到，不会公开。", "back": "返回",
        "c_reference": "受理编号", "c_received": "受理日期", "c_due": "机构答复期限", "c_finished": "答复/办结日期",
        "c_unknown": "没有这个受理编号，请核对后再试。",
    },
    "en": {
        "eval_title": "Rate the service", "worker": "Worker", "agency": "Agency", "service": "Service", "period": "Period",
        "comment": "Comment (optional, at most 300 characters)", "submit": "Submit", "change": "Change my rating",
        "thanks": "Thank you! Your rating was saved.", "changed": "Your rating was changed.",
        "change_until": "You can change it on this phone within 7 days, until", "already": "This contract was already rated.",
        "code_title": "Enter the slip code", "code": "Code on the evaluation slip", "open": "Open", "complain": "Complain",
        "switch": "中文", "too_many": "Too many attempts: try again in {seconds} s.", "to": "to", "score_hint": "1 worst, 5 best",
        "c_title": "Complaint", "c_what": "What happened", "c_when": "When", "c_phone": "Contact phone",
        "c_photos": "Photos (optional, up to 3, JPEG/PNG, 5 MB each, 6 MB in all)", "c_submit": "Send the complaint",
        "c_ref": "Complaint received. Reference:", "c_keep": "Keep the reference to follow the complaint.",
        "c_look": "Look up a complaint", "c_state": "State",
        "c_unavailable": "Complaints cannot be taken right now: call the agency or 12345.",
        "c_credential": "Credential no.", "c_private": "Only staff of the centre and the agency see the photos and your phone number.",
        "back": "Back", "c_reference": "Reference", "c_received": "Received", "c_due": "Agency to answer by",
        "c_finished": "Answered / closed", "c_unknown": "No complaint has this reference: check it and try again.",
    },
}  # fmt: skip
