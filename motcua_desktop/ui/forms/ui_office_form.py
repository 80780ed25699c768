# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'office_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget)

from motcua_desktop.ui.shell.widgets import (DateLineEdit, UnitPicker)

class Ui_OfficeForm(object):
    def setupUi(self, OfficeForm):
        if not OfficeForm.objectName():
            OfficeForm.setObjectName(u"OfficeForm")
        self.grid = QGridLayout(OfficeForm)
        self.grid.setObjectName(u"grid")
        self.grid.setVerticalSpacing(2)
        self.grid.setHorizontalSpacing(8)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.label_superior_name = QLabel(OfficeForm)
        self.label_superior_name.setObjectName(u"label_superior_name")

        self.grid.addWidget(self.label_superior_name, 0, 0, 1, 1)

        self.superior_name = QLineEdit(OfficeForm)
        self.superior_name.setObjectName(u"superior_name")
        self.superior_name.setMaxLength(200)

        self.grid.addWidget(self.superior_name, 0, 1, 1, 3)

        self.superior_name_msg = QLabel(OfficeForm)
        self.superior_name_msg.setObjectName(u"superior_name_msg")
        self.superior_name_msg.setWordWrap(True)
        self.superior_name_msg.setVisible(False)

        self.grid.addWidget(self.superior_name_msg, 1, 1, 1, 3)

        self.label_unit_name = QLabel(OfficeForm)
        self.label_unit_name.setObjectName(u"label_unit_name")

        self.grid.addWidget(self.label_unit_name, 2, 0, 1, 1)

        self.unit_name = QLineEdit(OfficeForm)
        self.unit_name.setObjectName(u"unit_name")
        self.unit_name.setMaxLength(200)

        self.grid.addWidget(self.unit_name, 2, 1, 1, 3)

        self.unit_name_msg = QLabel(OfficeForm)
        self.unit_name_msg.setObjectName(u"unit_name_msg")
        self.unit_name_msg.setWordWrap(True)
        self.unit_name_msg.setVisible(False)

        self.grid.addWidget(self.unit_name_msg, 3, 1, 1, 3)

        self.label_deciding_unit = QLabel(OfficeForm)
        self.label_deciding_unit.setObjectName(u"label_deciding_unit")

        self.grid.addWidget(self.label_deciding_unit, 4, 0, 1, 1)

        self.deciding_unit = QLineEdit(OfficeForm)
        self.deciding_unit.setObjectName(u"deciding_unit")
        self.deciding_unit.setMaxLength(200)

        self.grid.addWidget(self.deciding_unit, 4, 1, 1, 3)

        self.deciding_unit_msg = QLabel(OfficeForm)
        self.deciding_unit_msg.setObjectName(u"deciding_unit_msg")
        self.deciding_unit_msg.setWordWrap(True)
        self.deciding_unit_msg.setVisible(False)

        self.grid.addWidget(self.deciding_unit_msg, 5, 1, 1, 3)

        self.label_agency_id = QLabel(OfficeForm)
        self.label_agency_id.setObjectName(u"label_agency_id")

        self.grid.addWidget(self.label_agency_id, 6, 0, 1, 1)

        self.agency_id = QLineEdit(OfficeForm)
        self.agency_id.setObjectName(u"agency_id")
        self.agency_id.setMaxLength(35)

        self.grid.addWidget(self.agency_id, 6, 1, 1, 1)

        self.label_counter_no = QLabel(OfficeForm)
        self.label_counter_no.setObjectName(u"label_counter_no")

        self.grid.addWidget(self.label_counter_no, 6, 2, 1, 1)

        self.counter_no = QSpinBox(OfficeForm)
        self.counter_no.setObjectName(u"counter_no")
        self.counter_no.setMinimum(1)
        self.counter_no.setMaximum(10)

        self.grid.addWidget(self.counter_no, 6, 3, 1, 1)

        self.agency_id_msg = QLabel(OfficeForm)
        self.agency_id_msg.setObjectName(u"agency_id_msg")
        self.agency_id_msg.setWordWrap(True)
        self.agency_id_msg.setVisible(False)

        self.grid.addWidget(self.agency_id_msg, 7, 1, 1, 1)

        self.counter_no_msg = QLabel(OfficeForm)
        self.counter_no_msg.setObjectName(u"counter_no_msg")
        self.counter_no_msg.setWordWrap(True)
        self.counter_no_msg.setVisible(False)

        self.grid.addWidget(self.counter_no_msg, 7, 3, 1, 1)

        self.label_province = QLabel(OfficeForm)
        self.label_province.setObjectName(u"label_province")

        self.grid.addWidget(self.label_province, 8, 0, 1, 1)

        self.province = UnitPicker(OfficeForm)
        self.province.setObjectName(u"province")

        self.grid.addWidget(self.province, 8, 1, 1, 1)

        self.label_commune = QLabel(OfficeForm)
        self.label_commune.setObjectName(u"label_commune")

        self.grid.addWidget(self.label_commune, 8, 2, 1, 1)

        self.commune = UnitPicker(OfficeForm)
        self.commune.setObjectName(u"commune")

        self.grid.addWidget(self.commune, 8, 3, 1, 1)

        self.province_msg = QLabel(OfficeForm)
        self.province_msg.setObjectName(u"province_msg")
        self.province_msg.setWordWrap(True)
        self.province_msg.setVisible(False)

        self.grid.addWidget(self.province_msg, 9, 1, 1, 1)

        self.commune_msg = QLabel(OfficeForm)
        self.commune_msg.setObjectName(u"commune_msg")
        self.commune_msg.setWordWrap(True)
        self.commune_msg.setVisible(False)

        self.grid.addWidget(self.commune_msg, 9, 3, 1, 1)

        self.label_phone = QLabel(OfficeForm)
        self.label_phone.setObjectName(u"label_phone")

        self.grid.addWidget(self.label_phone, 10, 0, 1, 1)

        self.phone = QLineEdit(OfficeForm)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(40)

        self.grid.addWidget(self.phone, 10, 1, 1, 1)

        self.label_address = QLabel(OfficeForm)
        self.label_address.setObjectName(u"label_address")

        self.grid.addWidget(self.label_address, 10, 2, 1, 1)

        self.address = QLineEdit(OfficeForm)
        self.address.setObjectName(u"address")
        self.address.setMaxLength(300)

        self.grid.addWidget(self.address, 10, 3, 1, 1)

        self.phone_msg = QLabel(OfficeForm)
        self.phone_msg.setObjectName(u"phone_msg")
        self.phone_msg.setWordWrap(True)
        self.phone_msg.setVisible(False)

        self.grid.addWidget(self.phone_msg, 11, 1, 1, 1)

        self.address_msg = QLabel(OfficeForm)
        self.address_msg.setObjectName(u"address_msg")
        self.address_msg.setWordWrap(True)
        self.address_msg.setVisible(False)

        self.grid.addWidget(self.address_msg, 11, 3, 1, 1)

        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.label_superior_name.setBuddy(self.superior_name)
        self.label_unit_name.setBuddy(self.unit_name)
        self.label_deciding_unit.setBuddy(self.deciding_unit)
        self.label_agency_id.setBuddy(self.agency_id)
        self.label_counter_no.setBuddy(self.counter_no)
        self.label_province.setBuddy(self.province)
        self.label_commune.setBuddy(self.commune)
        self.label_phone.setBuddy(self.phone)
        self.label_address.setBuddy(self.address)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.superior_name, self.unit_name)
        QWidget.setTabOrder(self.unit_name, self.deciding_unit)
        QWidget.setTabOrder(self.deciding_unit, self.agency_id)
        QWidget.setTabOrder(self.agency_id, self.counter_no)
        QWidget.setTabOrder(self.counter_no, self.province)
        QWidget.setTabOrder(self.province, self.commune)
        QWidget.setTabOrder(self.commune, self.phone)
        QWidget.setTabOrder(self.phone, self.address)

        self.retranslateUi(OfficeForm)

        QMetaObject.connectSlotsByName(OfficeForm)
    # setupUi

    def retranslateUi(self, OfficeForm):
        OfficeForm.setWindowTitle(QCoreApplication.translate("OfficeForm", u"Th\u00f4ng tin \u0111\u01a1n v\u1ecb", None))
        self.label_superior_name.setText(QCoreApplication.translate("OfficeForm", u"C\u01a1 quan &ch\u1ee7 qu\u1ea3n", None))
        self.superior_name.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"V\u00ed d\u1ee5: UBND x\u00e3 \u0110\u00f4ng Ti\u1ebfn", None))
        self.superior_name_msg.setText("")
        self.label_unit_name.setText(QCoreApplication.translate("OfficeForm", u"T\u00ean \u0111\u01a1n &v\u1ecb ti\u1ebfp nh\u1eadn", None))
        self.unit_name.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"V\u00ed d\u1ee5: Trung t\u00e2m Ph\u1ee5c v\u1ee5 h\u00e0nh ch\u00ednh c\u00f4ng x\u00e3 \u0110\u00f4ng Ti\u1ebfn", None))
        self.unit_name_msg.setText("")
        self.label_deciding_unit.setText(QCoreApplication.translate("OfficeForm", u"C\u01a1 quan gi\u1ea3i qu&y\u1ebft", None))
        self.deciding_unit.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"M\u1eb7c \u0111\u1ecbnh: c\u01a1 quan ch\u1ee7 qu\u1ea3n", None))
        self.deciding_unit_msg.setText("")
        self.label_agency_id.setText(QCoreApplication.translate("OfficeForm", u"&M\u00e3 \u0111\u1ecbnh danh", None))
        self.agency_id.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"V\u00ed d\u1ee5: 000.00.12.H56", None))
        self.label_counter_no.setText(QCoreApplication.translate("OfficeForm", u"S\u1ed1 q&u\u1ea7y", None))
        self.agency_id_msg.setText("")
        self.counter_no_msg.setText("")
        self.label_province.setText(QCoreApplication.translate("OfficeForm", u"T\u1ec9&nh/TP", None))
        self.label_commune.setText(QCoreApplication.translate("OfficeForm", u"&X\u00e3/ph\u01b0\u1eddng", None))
        self.province_msg.setText("")
        self.commune_msg.setText("")
        self.label_phone.setText(QCoreApplication.translate("OfficeForm", u"\u0110i\u1ec7n th&o\u1ea1i", None))
        self.phone.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"S\u1ed1 \u0111i\u1ec7n tho\u1ea1i c\u1ee7a b\u1ed9 ph\u1eadn", None))
        self.label_address.setText(QCoreApplication.translate("OfficeForm", u"\u0110\u1ecb&a ch\u1ec9", None))
        self.address.setPlaceholderText(QCoreApplication.translate("OfficeForm", u"\u0110\u1ecba ch\u1ec9 tr\u1ee5 s\u1edf", None))
        self.phone_msg.setText("")
        self.address_msg.setText("")
    # retranslateUi

